package io.aitmdefense.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTest {

    @Test
    void terminalTextCannotClearTheScreenRecolourOrRewriteALine() {
        String hostile = "Adele\u001b[2J\u001b[31mred\u001b]0;title\u0007\rover\bwritten\u009b1m\u202Eevil";
        String safe = SafeText.terminal(hostile);
        assertThat(safe).doesNotContain("\u001b", "\r", "\b", "\u0007", "\u009b", "\u202E");
        assertThat(safe).isEqualTo("Adele?[2J?[31mred?]0;title??over?written?1m?evil");
    }

    @Test
    void terminalTextKeepsLineBreaksTabsAndOrdinaryUnicode() {
        String text = "Lukas Vance — Zürich\n\tstages: replay → persistence";
        assertThat(SafeText.terminal(text)).isSameAs(text);
    }

    @Test
    void htmlEscapesMarkupInContentAndAttributes() {
        assertThat(SafeText.html("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(SafeText.html("a\u001b[2Jb\nc")).isEqualTo("a\uFFFD[2Jb\nc");
    }
}

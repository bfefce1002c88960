package io.aitmdefense.model.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTest {

    private static List<String> chain(String... entries) {
        List<String> lines = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (String e : entries) {
            String line = AuditChain.seal(prev, e);
            lines.add(line);
            prev = AuditChain.hashOf(line);
        }
        return lines;
    }

    @Test
    void aSealedChainVerifiesAndEachLineNamesThePreviousHash() {
        List<String> lines = chain("{\"step\":\"disable\",\"status\":204}", "{\"step\":\"revoke\",\"status\":200}", "{}");
        ChainCheck check = AuditChain.verify(lines);
        assertThat(check.intact()).isTrue();
        assertThat(check.entries()).isEqualTo(3);
        assertThat(lines.get(1)).startsWith("{\"prev\":\"" + AuditChain.hashOf(lines.get(0)) + "\",\"step\":\"revoke\"");
        assertThat(check.lastHash()).isEqualTo(AuditChain.hashOf(lines.get(2)));
    }

    @Test
    void anEditedValueIsDetectedOnItsLine() {
        List<String> lines = chain("{\"step\":\"disable\",\"status\":204}", "{\"step\":\"revoke\",\"status\":403}",
                "{\"step\":\"confirm\",\"status\":204}");
        lines.set(1, lines.get(1).replace("403", "200"));
        ChainCheck check = AuditChain.verify(lines);
        assertThat(check.intact()).isFalse();
        assertThat(check.brokenLine()).isEqualTo(2);
        assertThat(check.reason()).contains("edited");
        assertThat(check.entries()).isEqualTo(1);
    }

    @Test
    void aRemovedOrReorderedLineIsDetected() {
        List<String> lines = chain("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        List<String> removed = new ArrayList<>(lines);
        removed.remove(1);
        assertThat(AuditChain.verify(removed).brokenLine()).isEqualTo(2);
        List<String> swapped = List.of(lines.get(1), lines.get(0), lines.get(2));
        assertThat(AuditChain.verify(swapped).brokenLine()).isEqualTo(1);
    }

    @Test
    void aLineWithARecomputedHashStillBreaksTheNextLine() {
        List<String> lines = chain("{\"status\":403}", "{\"status\":204}");
        String forged = AuditChain.seal(AuditChain.GENESIS, "{\"status\":200}");
        ChainCheck check = AuditChain.verify(List.of(forged, lines.get(1)));
        assertThat(check.brokenLine()).isEqualTo(2);
        assertThat(check.reason()).contains("removed, inserted or reordered");
    }

    @Test
    void aTruncatedLineIsNotASealedEntry() {
        List<String> lines = chain("{\"n\":1}");
        ChainCheck check = AuditChain.verify(List.of(lines.get(0).substring(0, 40)));
        assertThat(check.brokenLine()).isEqualTo(1);
        assertThat(check.reason()).contains("not a sealed");
    }
}

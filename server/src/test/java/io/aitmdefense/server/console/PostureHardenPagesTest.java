package io.aitmdefense.server.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.server.api.HardenFixture;
import io.aitmdefense.server.api.PostureSource;
import io.aitmdefense.server.web.TestConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The posture and harden pages as HTML: what they say when the serve file lacks their settings, and markup from the export kept inert. */
class PostureHardenPagesTest {
    static final String HOSTILE = "CA999-<img src=x onerror=alert(1)>-<script>document.title='pwned'</script>";

    @TempDir
    Path dir;

    @Test
    void withoutTheSettingsThePagesSayExactlyWhatToAddToTheServeFile() throws Exception {
        try (TestConsole console = new TestConsole(dir.resolve("none"))) {
            String posture = page(console, "/posture");
            assertThat(posture).contains("id=\"posture-missing\"", "posture:\n  exports: [ca-export/]", "breakGlass: [&lt;object id&gt;]");
            String harden = page(console, "/harden");
            assertThat(harden).contains("id=\"harden-missing\"", "pilotGroup: &lt;group object id&gt;", "signIns: [signin-logs/]");
        }
        try (TestConsole console = new TestConsole(dir.resolve("posture-only"), c -> c.withPosture(Optional.of(
                new PostureSource(List.of(HardenFixture.EXPORT), Set.of()))))) {
            assertThat(page(console, "/posture")).contains("id=\"posture-matrix\"").doesNotContain("posture-missing");
            assertThat(page(console, "/harden")).contains("names no pilot group", "pilotGroup:");
        }
    }

    @Test
    void aPolicyNameWithMarkupIsShownAsText() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Path original;
        try (var files = Files.list(HardenFixture.EXPORT.resolve("ConditionalAccess"))) {
            original = files.filter(f -> f.getFileName().toString().startsWith("CA000")).findFirst().orElseThrow();
        }
        // the baseline's files are UTF-16 with a byte-order mark, as PowerShell writes them
        ObjectNode policy = (ObjectNode) new ObjectMapper().readTree(new String(Files.readAllBytes(original), StandardCharsets.UTF_16));
        policy.put("displayName", HOSTILE);
        Files.writeString(export.resolve("hostile.json"), policy.toString());
        try (TestConsole console = new TestConsole(dir.resolve("console"), c -> c.withPosture(Optional.of(
                new PostureSource(List.of(export), Set.of(HardenFixture.BREAK_GLASS), Optional.of(HardenFixture.PILOT), "AiTM-", List.of()))))) {
            String posture = page(console, "/posture");
            assertThat(posture).contains("1 policies read", "CA999-&lt;img src=x onerror=alert(1)&gt;-&lt;script&gt;")
                    .doesNotContain("<img src=x", "<script>document.title");
            assertThat(page(console, "/harden")).doesNotContain("<img src=x", "<script>document.title");
            assertThat(page(console, "/harden")).contains("id=\"gate-missing\"");
        }
    }

    private static String page(TestConsole console, String path) throws Exception {
        HttpResponse<String> r = console.get(path, console.adminToken);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }
}

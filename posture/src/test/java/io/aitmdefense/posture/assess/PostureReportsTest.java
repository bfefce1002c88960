package io.aitmdefense.posture.assess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.posture.read.CaExportReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The three renderings say the same thing, and text from the export cannot inject markup into the HTML. */
class PostureReportsTest {

    static final String HOSTILE = "MFA <script>alert('x')</script> & \"friends\"";
    static PostureAssessment assessment;

    @BeforeAll
    static void assess() {
        String policies = """
                [{"id":"p1","displayName":"%s","state":"enabled",
                  "conditions":{"clientAppTypes":["all"],"applications":{"includeApplications":["All"]},
                                "users":{"includeUsers":["All"]}},
                  "grantControls":{"operator":"OR","builtInControls":["mfa"]}}]
                """.formatted(HOSTILE.replace("\"", "\\\""));
        var read = new CaExportReader().readJson("inline.json", policies);
        assessment = new PostureAssessor().assess(read.snapshot(), PostureAssessor.Options.defaults());
    }

    @Test
    void htmlEscapesPolicyNamesAndLoadsNothingFromTheNetwork() {
        String html = PostureHtmlReport.write(assessment);

        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("https://");
        assertThat(html).contains("MFA &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;");
        assertThat(html).contains("<svg", "Four-control score", "Kill chain", "AITM-CA-004");
    }

    @Test
    void jsonCarriesScoreMatrixReplayAndFindingsWithStableIds() throws Exception {
        JsonNode json = new ObjectMapper().readTree(PostureJsonReport.write(assessment));

        assertThat(json.at("/score/max").asInt()).isEqualTo(4);
        assertThat(json.at("/matrix")).hasSize(KillChainStep.values().length * Control.values().length);
        assertThat(json.at("/replay/0/attacker/outcome").asText()).isEqualTo("granted");
        assertThat(json.at("/replay/0/attacker/applied/0").asText()).isEqualTo(HOSTILE);
        assertThat(json.at("/findings").findValuesAsText("id")).contains("AITM-CA-004", "AITM-CA-012");
        assertThat(json.at("/findings/0/fix").asText()).isNotBlank();
        // each row names the model's kill-chain stage (the one detections carry); persistence is split three ways
        java.util.Map<String, String> stageOfStep = new java.util.TreeMap<>();
        json.at("/matrix").forEach(c -> stageOfStep.put(c.path("step").asText(), c.path("stage").asText()));
        assertThat(stageOfStep).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                "credential-capture", "credential-capture", "cookie-theft", "cookie-theft", "replay", "replay",
                "mfa-registration", "persistence", "oauth-consent", "persistence", "ca-tampering", "persistence")));
    }

    @Test
    void textReportShowsEveryFindingAndTheMatrixLegend() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PostureTextReport.print(assessment, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);

        for (Finding f : assessment.findings()) assertThat(text).contains(f.id() + " " + String.format("%-8s", f.severity().label()));
        assertThat(text).contains("PRM phishing-resistant MFA", "\n  cookie theft ", "\n  replay ", "\n  persistence: OAuth consent ", "granted");
    }
}

package io.aitmdefense.posture.assess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mobile-browser-gap.json}: compliant device on Windows and macOS, unknown platforms blocked, compliant device for
 * mobile apps, but mobile browsers need it only for the Office365 group. A replay that presents a mobile browser
 * reaches every app outside Office 365 with the relayed MFA claim.
 */
class ReplayPermutationGapTest {

    static final Path FIXTURE = Path.of("posture/src/test/resources/assess/mobile-browser-gap.json");

    static PostureAssessment assess(String json) {
        CaReadResult read = new CaExportReader().readJson("mobile-browser-gap.json", json);
        assertThat(read.errors()).isEmpty();
        return new PostureAssessor().assess(read.snapshot(), new PostureAssessor.Options(
                Set.of(CrossPolicyFixture.BREAK_GLASS), Set.of(), SyntheticFixturesAssessmentTest.DEC_2026));
    }

    @Test
    void theSweepFindsMobileBrowsersToAppsOutsideOffice365() throws Exception {
        PostureAssessment a = assess(Files.readString(FIXTURE));

        ReplayCoverage other = a.permutations(Persona.ALL_USERS, Target.ANY_OTHER_APP);
        assertThat(other.permutations()).hasSize(10);
        assertThat(other.granted()).extracting(ReplayResult.Variant::platform, ReplayResult.Variant::client)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Platform.IOS, ClientAppType.BROWSER),
                        org.assertj.core.groups.Tuple.tuple(Platform.ANDROID, ClientAppType.BROWSER));
        assertThat(other.verdict(Platform.LINUX, ClientAppType.BROWSER).decidingPolicies())
                .containsExactly("Block unknown platforms");
        // Exchange is in the Office365 group: stopped on every platform and client.
        assertThat(a.permutations(Persona.ALL_USERS, Target.EXCHANGE_ONLINE).granted()).isEmpty();

        // The attacker's own Linux or Windows machine is stopped everywhere, so AITM-CA-004 is silent for all users…
        assertThat(a.findings(Check.REPLAY_REACHES_TARGET)).noneMatch(f -> f.detail().contains("of all users"));
        // …and the sweep is what finds the gap, once per persona and target it affects.
        assertThat(a.findings(Check.REPLAY_PERMUTATION_GAP)).anySatisfy(f -> {
            assertThat(f.detail()).isEqualTo("A replayed session of all users reaches Azure management, admin portals, "
                    + "any other application as browser on "
                    + "iOS, android; stopped as windows, macOS (browser and apps) (Compliant device on Windows and macOS); "
                    + "linux (browser and apps) (Block unknown platforms); mobile/desktop apps on iOS, android "
                    + "(Compliant device for mobile apps).");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.policies()).containsExactly("Compliant device on Windows and macOS", "Block unknown platforms",
                    "Compliant device for mobile apps");
        });
        // One finding per persona: the targets that share the gap are folded into it.
        assertThat(a.findings(Check.REPLAY_PERMUTATION_GAP)).extracting(Finding::detail)
                .hasSize(3)
                .anyMatch(d -> d.startsWith("A replayed session of guests reaches"))
                .noneMatch(d -> d.contains("Exchange Online") || d.contains("SharePoint Online"));
    }

    @Test
    void mobileBrowsersRequiredToBeCompliantForAllResourcesCloseTheGap() throws Exception {
        PostureAssessment a = assess(Files.readString(FIXTURE).replace("\"Office365\"", "\"All\""));

        assertThat(a.permutations(Persona.ALL_USERS, Target.ANY_OTHER_APP).granted()).isEmpty();
        assertThat(a.findings(Check.REPLAY_PERMUTATION_GAP)).isEmpty();
    }

    @Test
    void reportsFoldThePermutationsThatShareAVerdict() throws Exception {
        PostureAssessment a = assess(Files.readString(FIXTURE));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PostureTextReport.print(a, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Replay as every platform × client",
                "  all users → Azure management, admin portals, any other application\n",
                "      granted              browser on iOS, android\n");

        JsonNode json = new ObjectMapper().readTree(PostureJsonReport.write(a));
        JsonNode permutations = json.get("permutations");
        assertThat(permutations).hasSize(a.permutations().size());
        JsonNode any = null;
        for (JsonNode p : permutations) {
            if (p.get("persona").asText().equals("all-users") && p.get("target").asText().equals("any-other-app")) any = p;
        }
        assertThat(any).isNotNull();
        assertThat(any.get("mixed").asBoolean()).isTrue();
        assertThat(any.get("groups").findValuesAsText("cells")).contains("browser on iOS, android");

        assertThat(PostureHtmlReport.write(a)).contains("Replay as every platform × client", "browser on iOS, android");
    }
}

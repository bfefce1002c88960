package io.aitmdefense.events.read;

import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Conditional Access results and processing details are read by looking at one key per array entry before building
 * anything for it (log-schemas §8.7, §8.11): the kept entries must be exactly those a full parse keeps, whether the
 * column is a JSON array or JSON text of one.
 */
class SignInNestedArraysTest {

    /** Result before or after the controls, a blank result followed by a filled one, escapes in a display name. */
    private static final String POLICIES = "["
            + "{\"id\":\"p1\",\"displayName\":\"Legacy block\",\"enforcedGrantControls\":[\"Block\"],\"result\":\"notApplied\"},"
            + "{\"displayName\":\"Require \\\"MFA\\\" for caf\\u00e9\",\"enforcedGrantControls\":[\"Mfa\"],"
            + "\"enforcedSessionControls\":[],\"id\":\"p2\",\"result\":\"success\"},"
            + "{\"id\":\"p3\",\"result\":\"notEnabled\",\"displayName\":\"Off\",\"enforcedGrantControls\":[\"Block\"]},"
            + "{\"id\":\"p4\",\"displayName\":\"Token binding\",\"result\":\"\",\"enforcedSessionControls\":[\"SignInTokenProtection\"],"
            + "\"Result\":\"reportOnlyFailure\"},"
            + "{\"id\":\"p5\",\"result\":\"reportOnlyNotApplied\",\"displayName\":\"Pilot\"},"
            + "{\"id\":\"p6\",\"displayName\":\"No result written\"}"
            + "]";

    private static final String PROCESSING = "["
            + "{\"key\":\"Legacy TLS (TLS 1.0, 1.1, 3DES)\",\"value\":\"False\"},"
            + "{\"value\":\"True\",\"key\":\"Is CAE Token\"},"
            + "{\"key\":\"Root Key Type\",\"value\":\"TPM protected\"}"
            + "]";

    private static String row(String time, String policies, String processing) {
        return "{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"" + time + "\",\"UserPrincipalName\":\"jane@contoso.example\","
                + "\"IPAddress\":\"203.0.113.10\",\"AppId\":\"4765445b-32c6-49b0-83e6-1d93765276ca\",\"Status\":{\"errorCode\":0},"
                + "\"ConditionalAccessPolicies\":" + policies + ",\"AuthenticationProcessingDetails\":" + processing + "}";
    }

    /** The JSON string holding {@code json} as its text, as Log Analytics writes dynamic columns of some tables. */
    private static String asJsonText(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void appliedPoliciesAreKeptAndTheRestDroppedWhetherTheColumnIsAnArrayOrJsonText(@TempDir Path dir) {
        Reading r = Reading.text(dir, "signins.json", row("2025-02-17T08:35:37Z", POLICIES, PROCESSING) + "\n"
                + row("2025-02-17T08:36:00Z", asJsonText(POLICIES), asJsonText(PROCESSING)) + "\n");

        assertThat(r.file().rejected()).isZero();
        assertThat(r.signIns()).hasSize(2);
        for (SignIn s : r.signIns()) {
            assertThat(s.caPolicies())
                    .extracting(CaResult::id, CaResult::displayName, CaResult::result, CaResult::grantControls, CaResult::sessionControls)
                    .containsExactly(
                            tuple("p2", "Require \"MFA\" for café", "success", List.of("Mfa"), List.of()),
                            tuple("p4", "Token binding", "reportOnlyFailure", List.of(), List.of("SignInTokenProtection")),
                            tuple("p6", "No result written", "", List.of(), List.of()));
            assertThat(s.token().cae()).as("'Is CAE Token' found after its value, among other keys").isTrue();
        }
    }

    /**
     * Sign-ins repeat their policies' text, which is read once and shared: every row gets what a read of its own text
     * gives, rows with equal text one list, and a row with other text between them its own.
     */
    @Test
    void repeatedPolicyTextIsReadOnceAndSharedWithoutMixingUpOtherTexts(@TempDir Path dir) {
        String other = "[{\"id\":\"p9\",\"displayName\":\"Other\",\"result\":\"failure\",\"enforcedGrantControls\":[\"Block\"]}]";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            String policies = i == 3 ? asJsonText(other) : i % 2 == 0 ? asJsonText(POLICIES) : POLICIES;
            text.append(row("2025-02-17T08:3" + i + ":00Z", policies, "[]")).append('\n');
        }
        Reading r = Reading.text(dir, "signins.json", text.toString());

        List<SignIn> byLine = r.signIns().stream().sorted(java.util.Comparator.comparingLong(s -> s.source().line())).toList();
        assertThat(byLine).hasSize(6);
        for (int i = 0; i < 6; i++) {
            List<CaResult> got = byLine.get(i).caPolicies();
            if (i == 3) {
                assertThat(got).containsExactly(new CaResult("p9", "Other", "failure", List.of("Block"), List.of()));
            } else {
                assertThat(got).extracting(CaResult::id).containsExactly("p2", "p4", "p6");
            }
        }
        assertThat(byLine.get(2).caPolicies()).as("JSON text, rows 1, 3 and 5").isSameAs(byLine.get(0).caPolicies())
                .isSameAs(byLine.get(4).caPolicies());
        assertThat(byLine.get(5).caPolicies()).as("JSON array, rows 2 and 6").isSameAs(byLine.get(1).caPolicies())
                .isEqualTo(byLine.get(0).caPolicies());
    }

    @Test
    void caeFlagIsFalseWhenTheKeyIsMissingOrSaysFalse(@TempDir Path dir) {
        String without = "[{\"key\":\"Root Key Type\",\"value\":\"TPM protected\"}]";
        String saysFalse = "[{\"key\":\"IsCAEToken\",\"value\":\"False\"},{\"key\":\"Root Key Type\",\"value\":\"True\"}]";
        Reading r = Reading.text(dir, "signins.json", row("2025-02-17T08:35:37Z", "[]", without) + "\n"
                + row("2025-02-17T08:36:00Z", "[]", asJsonText(saysFalse)) + "\n");

        assertThat(r.signIns()).extracting(s -> s.token().cae()).containsExactly(false, false);
    }

    @Test
    void malformedDroppedPolicyStillRejectsTheRowWithItsLine(@TempDir Path dir) {
        String broken = "[{\"id\":\"p1\",\"result\":\"notApplied\",\"conditionsSatisfied\":}]";
        Reading r = Reading.text(dir, "signins.json", row("2025-02-17T08:35:37Z", broken, "[]") + "\n"
                + row("2025-02-17T08:36:00Z", asJsonText(broken), "[]") + "\n"
                + row("2025-02-17T08:37:00Z", POLICIES, "[]") + "\n");

        assertThat(r.signIns()).extracting(s -> s.source().line()).containsExactly(3L);
        assertThat(r.rejections()).hasSize(2).allSatisfy(reason -> assertThat(reason).contains("malformed"));
        assertThat(r.rejections().get(0)).startsWith(dir.resolve("signins.json") + ":1: ");
        assertThat(r.rejections().get(1)).startsWith(dir.resolve("signins.json") + ":2: ");
    }
}

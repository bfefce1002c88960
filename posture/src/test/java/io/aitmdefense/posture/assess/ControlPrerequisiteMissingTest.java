package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.whatif.PolicyJson;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.aitmdefense.posture.assess.CrossPolicyFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class ControlPrerequisiteMissingTest {

    static final String STRICT_CAE = PolicyJson.policy("Admins strict CAE", "enabled", "\"users\":{" + roles(GLOBAL_ADMIN,
            SECURITY_ADMIN) + "},\"applications\":{\"includeApplications\":[\"All\"]},\"clientAppTypes\":[\"all\"]", "",
            "\"continuousAccessEvaluation\":{\"mode\":\"strictLocation\"}");
    static final String COUNTRIES = "{\"@odata.type\":\"#microsoft.graph.countryNamedLocation\",\"id\":\"loc-nl\","
            + "\"displayName\":\"Allowed countries\",\"countriesAndRegions\":[\"NL\"]}";
    static final String HQ = "{\"@odata.type\":\"#microsoft.graph.ipNamedLocation\",\"id\":\"loc-hq\",\"displayName\":\"HQ\","
            + "\"isTrusted\":true,\"ipRanges\":[{\"cidrAddress\":\"198.51.100.0/24\"}]}";

    static String contextPolicy(String name, String state, String context) {
        return PolicyJson.policy(name, state, "\"users\":{" + allUsers() + "},\"applications\":{"
                + "\"includeAuthenticationContextClassReferences\":[\"" + context + "\"]},\"clientAppTypes\":[\"all\"]",
                PolicyJson.grant("OR", "mfa"), "");
    }

    @Test
    void strictLocationWithOnlyCountryLocationsIsReportedAndWithAnIpLocationIsNot() {
        assertThat(assess(STRICT_CAE, COUNTRIES).findings(Check.CONTROL_PREREQUISITE_MISSING)).singleElement()
                .satisfies(f -> {
                    assertThat(f.detail()).isEqualTo("Admins strict CAE sets CAE strictLocation, but every named location "
                            + "in the export is country- or network-based, none lists IP ranges.");
                    assertThat(f.policies()).containsExactly("Admins strict CAE");
                });
        assertThat(assess(STRICT_CAE, COUNTRIES, HQ).findings(Check.CONTROL_PREREQUISITE_MISSING)).isEmpty();
        // An export without named locations cannot tell: unknown is not reported as a finding.
        assertThat(assess(STRICT_CAE).findings(Check.CONTROL_PREREQUISITE_MISSING)).isEmpty();
    }

    @Test
    void aPolicyOnAnUnpublishedOrUndefinedAuthContextCanNeverBeRequested() {
        PostureAssessment a = assess(
                contextPolicy("Step-up c1", "enabled", "c1"),
                contextPolicy("Step-up c5", "enabled", "c5"),
                "{\"id\":\"c1\",\"displayName\":\"Tenant changes\",\"isAvailable\":false}");

        assertThat(a.findings(Check.CONTROL_PREREQUISITE_MISSING)).extracting(Finding::detail).containsExactly(
                "Step-up c1 targets authentication context c1 ('Tenant changes'), which is not published to apps "
                        + "(isAvailable false): no app, label or protected action can request it.",
                "Step-up c5 targets authentication context c5, which the export does not define: nothing can request it, "
                        + "so the policy never applies.");
    }

    @Test
    void aProtectedActionWhoseContextPolicyIsOnlyReportOnlyIsHigh() {
        String c2 = contextPolicy("Step-up c2", "enabledForReportingButNotEnforced", "c2");

        assertThat(assess(Set.of("c2"), c2).findings(Check.CONTROL_PREREQUISITE_MISSING)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.detail()).contains("only report-only Step-up c2 targets it", "re-authentication loop");
        });
        assertThat(assess(Set.of("c2"), contextPolicy("Step-up c2", "enabled", "c2"))
                .findings(Check.CONTROL_PREREQUISITE_MISSING)).isEmpty();
    }
}

package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.whatif.WellKnownApps;
import org.junit.jupiter.api.Test;

import static io.aitmdefense.posture.assess.CrossPolicyFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class IneffectiveConditionTest {

    static String apps(String include, String exclude) {
        return "\"applications\":{\"includeApplications\":[" + include + "],\"excludeApplications\":[" + exclude + "]}";
    }

    static String q(String id) {
        return "\"" + id + "\"";
    }

    @Test
    void anAppExcludedThatThePolicyNeverIncludesDoesNothing() {
        PostureAssessment a = assess(policy("Compliant device for Exchange", allUsers(),
                apps(q(WellKnownApps.EXCHANGE_ONLINE), q(WellKnownApps.AZURE_MANAGEMENT)), grant("compliantDevice")));

        assertThat(a.findings(Check.INEFFECTIVE_CONDITION)).singleElement().satisfies(f -> {
            assertThat(f.detail()).isEqualTo("Compliant device for Exchange excludes " + WellKnownApps.AZURE_MANAGEMENT
                    + ", which its included apps (" + WellKnownApps.EXCHANGE_ONLINE + ") do not contain: the exclusion "
                    + "does nothing.");
            assertThat(f.severity()).isEqualTo(Severity.LOW);
        });
    }

    @Test
    void aWorkloadIdentityExclusionOnAUsersPolicyAndAnUnincludedPlatformDoNothing() {
        PostureAssessment a = assess(policy("MFA on iOS", allUsers(),
                "\"platforms\":{\"includePlatforms\":[\"iOS\"],\"excludePlatforms\":[\"android\"]},"
                        + "\"clientApplications\":{\"excludeServicePrincipals\":[\"7e1f0000-0000-4000-8000-000000000001\"]}",
                grant("mfa")));

        assertThat(a.findings(Check.INEFFECTIVE_CONDITION)).singleElement().satisfies(f -> assertThat(f.detail())
                .contains("excludes platform android, which it does not include (iOS)")
                .contains("excludes workload identities (7e1f0000-0000-4000-8000-000000000001) but targets users"));
    }

    @Test
    void aPolicyExcludingEveryPlatformItIncludesNeverAppliesAndIsMedium() {
        PostureAssessment a = assess(policy("Block Windows", allUsers(),
                "\"platforms\":{\"includePlatforms\":[\"windows\"],\"excludePlatforms\":[\"windows\"]}", grant("block")));

        assertThat(a.findings(Check.INEFFECTIVE_CONDITION)).singleElement().satisfies(f -> {
            assertThat(f.detail()).isEqualTo("Block Windows can never apply: excludes every platform it includes.");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
    }

    @Test
    void exclusionsFromAllResourcesAllPlatformsOrAnAppGroupAreNotJudged() {
        PostureAssessment a = assess(
                policy("MFA except Intune enrolment", allUsers(), apps(q("All"), q(WellKnownApps.INTUNE_ENROLLMENT)), grant("mfa")),
                policy("Block unknown platforms", allUsers(), "\"platforms\":{\"includePlatforms\":[\"all\"],"
                        + "\"excludePlatforms\":[\"android\",\"iOS\",\"windows\",\"macOS\"]}", grant("block")),
                // Office365's full membership is Microsoft's: an app beside it may well be part of it.
                policy("Block a vendor app outside Office 365", allUsers(),
                        apps(q("f53895d3-095d-408f-8e93-8f94b391404e"), q("Office365")), grant("block")));

        assertThat(a.findings(Check.INEFFECTIVE_CONDITION)).isEmpty();
    }
}

package io.aitmdefense.posture.assess;

import org.junit.jupiter.api.Test;

import static io.aitmdefense.posture.assess.CrossPolicyFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class SiblingScopeDriftTest {

    @Test
    void anAdminPolicyMissingOneRoleOfItsSiblingsIsReportedWithTheRoleName() {
        PostureAssessment a = assess(
                policy("Admins MFA", roles(GLOBAL_ADMIN, SECURITY_ADMIN, EXCHANGE_ADMIN, SHAREPOINT_ADMIN), "", grant("mfa")),
                policy("Admins compliant device", roles(GLOBAL_ADMIN, SECURITY_ADMIN, SHAREPOINT_ADMIN), "",
                        grant("compliantDevice")),
                policy("Admins sign-in risk", roles(GLOBAL_ADMIN, SECURITY_ADMIN, EXCHANGE_ADMIN, SHAREPOINT_ADMIN),
                        "\"signInRiskLevels\":[\"medium\",\"high\"]", grant("block")));

        assertThat(a.findings(Check.SIBLING_SCOPE_DRIFT)).singleElement().satisfies(f -> {
            assertThat(f.detail()).isEqualTo("Admins compliant device lacks role Exchange Administrator ("
                    + EXCHANGE_ADMIN + ") from the roles and groups its siblings Admins MFA, Admins sign-in risk target.");
            assertThat(f.policies()).containsExactly("Admins compliant device", "Admins MFA", "Admins sign-in risk");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
    }

    @Test
    void aDeliberatelyNarrowPolicyBesideABroadFamilyIsNotReported() {
        // Global Administrators only, beside four roles: a large difference reads as intent, not drift.
        PostureAssessment a = assess(
                policy("Admins MFA", roles(GLOBAL_ADMIN, SECURITY_ADMIN, EXCHANGE_ADMIN, SHAREPOINT_ADMIN, USER_ADMIN), "",
                        grant("mfa")),
                policy("Top admins compliant device", roles(GLOBAL_ADMIN, SECURITY_ADMIN), "", grant("compliantDevice")),
                policy("Global admins only", roles(GLOBAL_ADMIN), "", grant("compliantDevice")));

        assertThat(a.findings(Check.SIBLING_SCOPE_DRIFT)).isEmpty();
    }

    @Test
    void aPlatformMissingFromOneOfTwoPoliciesForTheSameUsersIsReported() {
        PostureAssessment a = assess(
                policy("Users MFA on managed platforms", allUsers(),
                        "\"platforms\":{\"includePlatforms\":[\"android\",\"iOS\",\"windows\",\"macOS\"]}", grant("mfa")),
                policy("Users compliant device", allUsers(),
                        "\"platforms\":{\"includePlatforms\":[\"android\",\"iOS\",\"windows\"]}", grant("compliantDevice")));

        assertThat(a.findings(Check.SIBLING_SCOPE_DRIFT)).singleElement().satisfies(f ->
                assertThat(f.detail()).startsWith("Users compliant device lacks macOS from the platforms its sibling "
                        + "Users MFA on managed platforms targets"));
    }

    @Test
    void platformListsOfDifferentUsersAreNotSiblings() {
        PostureAssessment a = assess(
                policy("Users MFA", allUsers(),
                        "\"platforms\":{\"includePlatforms\":[\"android\",\"iOS\",\"windows\",\"macOS\"]}", grant("mfa")),
                policy("Admins compliant device", roles(GLOBAL_ADMIN, SECURITY_ADMIN),
                        "\"platforms\":{\"includePlatforms\":[\"android\",\"iOS\",\"windows\"]}", grant("compliantDevice")));

        assertThat(a.findings(Check.SIBLING_SCOPE_DRIFT)).isEmpty();
    }
}

package io.aitmdefense.posture.assess;

import org.junit.jupiter.api.Test;

import static io.aitmdefense.posture.assess.CrossPolicyFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class SharedExclusionTest {

    static final String VENDOR_EXCEPTIONS = "5a3f0e2c-0000-4000-8000-0000000000e1";
    static final String KIOSKS = "5a3f0e2c-0000-4000-8000-0000000000e2";

    @Test
    void aGroupExcludedFromTheMfaAndTheDevicePolicyExemptsFromBoth() {
        PostureAssessment a = assess(
                policy("MFA for all users", allUsers(VENDOR_EXCEPTIONS), "", grant("mfa")),
                policy("Compliant device for all users", allUsers(VENDOR_EXCEPTIONS, KIOSKS), "", grant("compliantDevice")),
                policy("Block legacy authentication", allUsers(), "\"clientAppTypes\":[\"exchangeActiveSync\",\"other\"]",
                        grant("block")));

        assertThat(a.findings(Check.SHARED_EXCLUSION)).singleElement().satisfies(f -> {
            assertThat(f.detail()).isEqualTo("Group " + VENDOR_EXCEPTIONS + " is excluded from 2 policies: its members "
                    + "skip mfa (MFA for all users), compliantDevice (Compliant device for all users) at once.");
            assertThat(f.policies()).containsExactly("MFA for all users", "Compliant device for all users");
        });
    }

    @Test
    void breakGlassExcludedEverywhereAndAGroupExcludedOnceAreNotReported() {
        PostureAssessment a = assess(
                policy("MFA for all users", allUsers(VENDOR_EXCEPTIONS), "", grant("mfa")),
                policy("Compliant device for all users", allUsers(KIOSKS), "", grant("compliantDevice")),
                policy("Admins strength", roles(GLOBAL_ADMIN, SECURITY_ADMIN), "", grant("mfa")));

        assertThat(a.breakGlass().ids()).containsExactly(BREAK_GLASS);
        assertThat(a.findings(Check.SHARED_EXCLUSION)).isEmpty();
    }
}

package io.aitmdefense.posture.assess;

import org.junit.jupiter.api.Test;

import static io.aitmdefense.posture.assess.CrossPolicyFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class GuestTypesUnevenTest {

    static final String ALL_GUEST_TYPES = "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,"
            + "b2bDirectConnectUser,otherExternalUser,serviceProvider";

    static String guests(String types, boolean include) {
        return "\"" + (include ? "include" : "exclude") + "GuestsOrExternalUsers\":{\"guestOrExternalUserTypes\":\"" + types
                + "\",\"externalTenants\":{\"membershipKind\":\"all\"}}";
    }

    static String usersExceptGuests(String types) {
        return allUsers() + "," + guests(types, false);
    }

    @Test
    void guestTypesTheAllUsersPolicyExcludesButItsGuestCounterpartDoesNotIncludeGetNeither() {
        PostureAssessment a = assess(
                policy("MFA for members", usersExceptGuests(ALL_GUEST_TYPES), "", grant("mfa")),
                policy("MFA for guests", guests("b2bCollaborationGuest,b2bCollaborationMember,internalGuest", true), "",
                        grant("mfa")));

        assertThat(a.findings(Check.GUEST_TYPES_UNEVEN)).singleElement().satisfies(f -> {
            assertThat(f.detail()).isEqualTo("MFA for members excludes b2bDirectConnectUser, otherExternalUser, "
                    + "serviceProvider, which its guest counterpart MFA for guests does not include: those external users "
                    + "get neither policy.");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.policies()).containsExactly("MFA for members", "MFA for guests");
        });
    }

    @Test
    void aGuestCounterpartCoveringEveryExcludedTypeIsNotReported() {
        PostureAssessment a = assess(
                policy("MFA for members", usersExceptGuests(ALL_GUEST_TYPES), "", grant("mfa")),
                policy("MFA for guests", guests(ALL_GUEST_TYPES, true), "", grant("mfa")));

        assertThat(a.findings(Check.GUEST_TYPES_UNEVEN)).isEmpty();
    }

    @Test
    void aGuestPolicyCoveringFewerTypesThanItsSiblingsIsALowFinding() {
        PostureAssessment a = assess(
                policy("MFA for guests", guests(ALL_GUEST_TYPES, true), "", grant("mfa")),
                policy("Block guests outside Office 365", guests("b2bCollaborationGuest,b2bCollaborationMember", true),
                        "\"applications\":{\"includeApplications\":[\"All\"],\"excludeApplications\":[\"Office365\"]}",
                        grant("block")));

        assertThat(a.findings(Check.GUEST_TYPES_UNEVEN)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.detail()).startsWith("Block guests outside Office 365 does not cover b2bDirectConnectUser, "
                    + "internalGuest, otherExternalUser, serviceProvider, which MFA for guests covers.");
        });
    }
}

package io.aitmdefense.posture.model;

import java.util.List;
import java.util.Set;

/**
 * {@code conditionalAccessGuestsOrExternalUsers}: which guest kinds from which tenants. {@code allExternalTenants}
 * false means only the listed {@code externalTenantIds}.
 */
public record GuestCondition(Set<GuestType> guestTypes, boolean allExternalTenants, List<String> externalTenantIds) {

    public GuestCondition {
        guestTypes = Set.copyOf(guestTypes);
        externalTenantIds = List.copyOf(externalTenantIds);
    }

    /** What the legacy {@code GuestsOrExternalUsers} keyword stands for: every guest kind from any tenant. */
    public static GuestCondition everyGuest() {
        return new GuestCondition(Set.of(GuestType.INTERNAL_GUEST, GuestType.B2B_COLLABORATION_GUEST,
                GuestType.B2B_COLLABORATION_MEMBER, GuestType.B2B_DIRECT_CONNECT_USER, GuestType.OTHER_EXTERNAL_USER,
                GuestType.SERVICE_PROVIDER), true, List.of());
    }
}

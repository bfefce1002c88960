package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.util.Locale;

/**
 * Microsoft-managed policies (block device code flow, block legacy authentication, MFA for admins, MFA and
 * reauthentication for risky sign-ins) are created by Microsoft and show in the export under the display name
 * "Microsoft-managed: …". Administrators may change only their state and exclusions, so a plan never proposes more.
 */
public final class MicrosoftManaged {

    static final String NAME_PREFIX = "microsoft-managed:";

    private MicrosoftManaged() {
    }

    public static boolean is(ConditionalAccessPolicy policy) {
        return policy.displayName().trim().toLowerCase(Locale.ROOT).startsWith(NAME_PREFIX);
    }
}

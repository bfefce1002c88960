package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.util.List;

/** AITM-CA-006: no enabled policy carries the token-protection session control. */
final class TokenProtectionMissing implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-006", Severity.MEDIUM,
            "Token protection is not enforced",
            "Token protection (session control secureSignInSession) binds the sign-in session to the device so a "
                    + "refresh token or session taken from a Windows endpoint cannot be replayed elsewhere.",
            "Create a policy: users = pilot group (later All users), resources = Exchange Online, SharePoint Online "
                    + "(and Teams, AVD, Windows 365), platform = windows, client apps = mobileAppsAndDesktopClients "
                    + "only, session = 'Require token protection for sign-in sessions'. Start report-only and watch "
                    + "tokenProtectionStatusDetails in the sign-in logs.");

    @Override
    public Check check() {
        return Check.TOKEN_PROTECTION_MISSING;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<ConditionalAccessPolicy> tp = context.live().stream().filter(p -> p.sessionControls().tokenProtection()).toList();
        if (tp.stream().anyMatch(ConditionalAccessPolicy::enforced)) return List.of();
        List<String> names = tp.stream().map(ConditionalAccessPolicy::label).toList();
        return List.of(new Finding(check(), "No enabled policy requires token protection."
                + CheckContext.reportOnlySuffix(names), names));
    }
}

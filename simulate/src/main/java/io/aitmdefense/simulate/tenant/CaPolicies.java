package io.aitmdefense.simulate.tenant;

import io.aitmdefense.simulate.tenant.CaPolicy.Outcome;
import io.aitmdefense.simulate.tenant.CaPolicy.State;

import java.util.List;

/**
 * The tenant's Conditional Access set: fifteen policies typical of a mid-size tenant, enforced and report-only,
 * including the report-only token-protection and phishing-resistant policies of a rollout in progress. Every sign-in row
 * lists all of them, as Entra does — which is most of a sign-in row's size.
 */
public final class CaPolicies {
    private CaPolicies() {
    }

    public static List<CaPolicy> standard() {
        return List.of(
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a01", "CA001-Global-AllApps-AnyPlatform-RequireMFA", State.ENABLED,
                        List.of("Mfa"), List.of(), c -> c.mfaSatisfied() || c.trustedLocation() ? Outcome.SATISFIED : Outcome.NOT_SATISFIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a02", "CA002-Global-AllApps-LegacyAuth-Block", State.ENABLED,
                        List.of("Block"), List.of(), c -> Outcome.NOT_APPLIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a03", "CA003-Admins-AllApps-RequireCompliantOrHybrid", State.REPORT_ONLY,
                        List.of("RequireCompliantDevice", "RequireDomainJoinedDevice"), List.of(),
                        c -> !c.admin() ? Outcome.NOT_APPLIED : c.managedDevice() ? Outcome.SATISFIED : Outcome.NOT_SATISFIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a04", "CA004-Global-AzureManagement-RequireMFA", State.ENABLED,
                        List.of("Mfa"), List.of(), c -> !c.azureManagement() ? Outcome.NOT_APPLIED
                                : c.mfaSatisfied() ? Outcome.SATISFIED : Outcome.NOT_SATISFIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a05", "CA005-Global-Unmanaged-SignInFrequency12h", State.ENABLED,
                        List.of(), List.of("SignInFrequency"), c -> c.managedDevice() ? Outcome.NOT_APPLIED : Outcome.SATISFIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a06", "CA006-Global-HighUserRisk-Block", State.ENABLED,
                        List.of("Block"), List.of(), c -> Outcome.NOT_APPLIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a07", "CA007-Global-MediumSignInRisk-RequireMFA", State.ENABLED,
                        List.of("Mfa"), List.of(), c -> Outcome.NOT_APPLIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a08", "CA008-Pilot-ExchangeSharePoint-Windows-TokenProtection", State.REPORT_ONLY,
                        List.of(), List.of("SignInTokenProtection"), c -> !(c.windows() && c.exchangeOrSharePoint() && !c.browser())
                                ? Outcome.NOT_APPLIED : c.tokenBound() ? Outcome.SATISFIED : Outcome.NOT_SATISFIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a09", "CA009-Global-AllApps-BlockedCountries-Block", State.ENABLED,
                        List.of("Block"), List.of(), c -> Outcome.NOT_APPLIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a10", "CA010-Global-Mobile-RequireApprovedApp", State.ENABLED,
                        List.of("ApprovedApplication"), List.of(), c -> c.mobile() ? Outcome.SATISFIED : Outcome.NOT_APPLIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a11", "CA011-Admins-AllApps-PhishingResistantMFA", State.REPORT_ONLY,
                        List.of("RequireAuthenticationStrength"), List.of(), c -> c.admin() ? Outcome.NOT_SATISFIED : Outcome.NOT_APPLIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a12", "CA012-Global-DeviceCodeFlow-Block", State.DISABLED,
                        List.of("Block"), List.of(), c -> Outcome.NOT_APPLIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a14", "CA014-Global-UnmanagedBrowser-NoPersistentSession", State.ENABLED,
                        List.of(), List.of("PersistentBrowserSessionMode"),
                        c -> c.browser() && !c.managedDevice() ? Outcome.SATISFIED : Outcome.NOT_APPLIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a15", "CA015-Global-RegisterSecurityInfo-TrustedLocationOrMFA", State.ENABLED,
                        List.of("Mfa"), List.of(), c -> Outcome.NOT_APPLIED),
                p("0b2a8f3e-5d1c-4e62-9a0f-1c2d3e4f5a16", "CA016-Global-Office365-RequireCompliantDevice", State.REPORT_ONLY,
                        List.of("RequireCompliantDevice"), List.of(), c -> c.managedDevice() ? Outcome.SATISFIED : Outcome.NOT_SATISFIED));
    }

    private static CaPolicy p(String id, String name, State state, List<String> grant, List<String> session, CaPolicy.Applies applies) {
        return new CaPolicy(id, name, state, grant, session, applies);
    }
}

package io.aitmdefense.posture.assess;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of posture checks. Ids are stable: an id never changes meaning, retired checks keep their number,
 * so users can cite and silence them. {@code why} and {@code fix} are what {@code aitm posture --explain ID} prints.
 * Each check is one {@link FindingRule} class holding its text ({@link CheckText}) beside its logic; this enum lists
 * them by reference, in id order, so ids can be looked up, cited and documented in one place.
 */
public enum Check {
    NO_ENFORCED_POLICY(NoEnforcedPolicy.TEXT),
    ADMIN_PHISHING_RESISTANT_MFA_MISSING(AdminPhishingResistantMfaMissing.TEXT),
    USER_PHISHING_RESISTANT_MFA_MISSING(UserPhishingResistantMfaMissing.TEXT),
    REPLAY_REACHES_TARGET(ReplayReachesTarget.TEXT),
    COMPLIANT_DEVICE_MISSING(CompliantDeviceMissing.TEXT),
    TOKEN_PROTECTION_MISSING(TokenProtectionMissing.TEXT),
    TOKEN_PROTECTION_MISSCOPED(TokenProtectionMisscoped.TEXT),
    CAE_STRICT_MISSING(CaeStrictMissing.TEXT),
    SIGN_IN_RISK_POLICY_MISSING(SignInRiskPolicyMissing.TEXT),
    USER_RISK_POLICY_MISSING(UserRiskPolicyMissing.TEXT),
    EVERY_TIME_FREQUENCY_UNSCOPED(EveryTimeFrequencyUnscoped.TEXT),
    PROTECTED_ACTIONS_MISSING(ProtectedActionsMissing.TEXT),
    AUTH_CONTEXT_UNTARGETED(AuthContextUntargeted.TEXT),
    AUTH_CONTEXT_POLICY_WEAK(AuthContextPolicyWeak.TEXT),
    BREAK_GLASS_NOT_EXCLUDED(BreakGlassNotExcluded.TEXT),
    BREAK_GLASS_UNPROTECTED(BreakGlassUnprotected.TEXT),
    LONG_RUNNING_REPORT_ONLY(LongRunningReportOnly.TEXT),
    LEGACY_AUTH_NOT_BLOCKED(LegacyAuthNotBlocked.TEXT),
    DEVICE_CODE_NOT_BLOCKED(DeviceCodeNotBlocked.TEXT),
    SECURITY_INFO_REGISTRATION_UNPROTECTED(SecurityInfoRegistrationUnprotected.TEXT),
    MFA_GAP(MfaGap.TEXT),
    BREAK_GLASS_UNRESOLVED(BreakGlassUnresolved.TEXT),
    RISK_CONDITIONS_COMBINED(RiskConditionsCombined.TEXT),
    INERT_POLICY(InertPolicy.TEXT),
    SIBLING_SCOPE_DRIFT(SiblingScopeDrift.TEXT),
    SHARED_EXCLUSION(SharedExclusion.TEXT),
    GUEST_TYPES_UNEVEN(GuestTypesUneven.TEXT),
    INEFFECTIVE_CONDITION(IneffectiveCondition.TEXT),
    MISSING_DIRECTORY_OBJECT(MissingDirectoryObject.TEXT),
    CONTROL_PREREQUISITE_MISSING(ControlPrerequisiteMissing.TEXT),
    DUPLICATE_POLICY_ID(DuplicatePolicyId.TEXT),
    REPLAY_PERMUTATION_GAP(ReplayPermutationGap.TEXT),
    SIGN_IN_PAGE_CANARY_MISSING(SignInPageCanaryMissing.TEXT);

    private final String id;
    private final Severity severity;
    private final String title;
    private final String why;
    private final String fix;

    /** The text lives in the check's own rule class, beside its logic. */
    Check(CheckText text) {
        this.id = text.id();
        this.severity = text.severity();
        this.title = text.title();
        this.why = text.why();
        this.fix = text.fix();
    }

    public String id() {
        return id;
    }

    /** Default severity; a finding may raise or lower it (e.g. a replay that reaches an admin portal). */
    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public String why() {
        return why;
    }

    public String fix() {
        return fix;
    }

    public static Optional<Check> byId(String id) {
        String wanted = id.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst();
    }
}

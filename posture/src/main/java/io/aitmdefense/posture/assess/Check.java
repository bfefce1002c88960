package io.aitmdefense.posture.assess;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of posture checks. Ids are stable: an id never changes meaning, retired checks keep their number,
 * so users can cite and silence them. {@code why} and {@code fix} are what {@code aitm posture --explain ID} prints.
 * Checks from AITM-CA-025 on keep their text in their own {@link FindingRule} class and are listed here by reference.
 */
public enum Check {
    NO_ENFORCED_POLICY("AITM-CA-001", Severity.CRITICAL,
            "No Conditional Access policy is enforced",
            "Every policy is disabled or report-only, so nothing breaks any step of the AiTM kill chain: a session "
                    + "cookie stolen through a reverse proxy is accepted from any device, network and platform.",
            "Promote the baseline policies (MFA for all users, legacy-auth block, device-code block, compliant device, "
                    + "risk step-up) to 'On' after checking their report-only results in the sign-in logs; keep the "
                    + "break-glass group excluded from each."),
    ADMIN_PHISHING_RESISTANT_MFA_MISSING("AITM-CA-002", Severity.CRITICAL,
            "Phishing-resistant MFA is not enforced for administrators",
            "Push, OTP, SMS and voice are relayed by an AiTM proxy in real time. Only an authentication strength whose "
                    + "combinations are all phishing-resistant (Windows Hello for Business, FIDO2, certificate MFA) "
                    + "cannot be relayed. A report-only policy does not count.",
            "Create or promote a policy: users = the privileged directory roles, resources = All resources, grant = "
                    + "authentication strength 'Phishing-resistant MFA' (00000000-0000-0000-0000-000000000004), no OR "
                    + "with 'mfa', exclude only the break-glass group. Start report-only, then enable."),
    USER_PHISHING_RESISTANT_MFA_MISSING("AITM-CA-003", Severity.HIGH,
            "Phishing-resistant MFA is not enforced for all users",
            "Without a phishing-resistant authentication strength every user's MFA can be relayed, so the proxy "
                    + "obtains a fully MFA-satisfied session cookie.",
            "Roll out passkeys / Windows Hello for Business, then require authentication strength 'Phishing-resistant "
                    + "MFA' for All users on All resources (ring by ring, report-only first, break-glass excluded). "
                    + "Until then, require a compliant device so the relayed session cannot be used off-device."),
    REPLAY_REACHES_TARGET("AITM-CA-004", Severity.HIGH,
            "A replayed session cookie or refresh token reaches a sensitive resource",
            "Evaluated like What If: a stolen cookie or refresh token replayed from an unregistered Linux or Windows "
                    + "machine on a hosting network outside every named location, medium sign-in risk, carrying only "
                    + "the MFA claim of the phished session, is granted access. This is the attack AiTM kits automate.",
            "Add a requirement the attacker cannot meet on that persona and resource: compliant or hybrid-joined "
                    + "device, phishing-resistant authentication strength, or (Windows native clients on Exchange/"
                    + "SharePoint) token protection; add sign-in-risk step-up for medium and high risk."),
    COMPLIANT_DEVICE_MISSING("AITM-CA-005", Severity.HIGH,
            "No enforced compliant or hybrid-joined device requirement",
            "A device-bound grant stops a cookie captured by a proxy or replayed from attacker infrastructure: the "
                    + "attacker's machine is not enrolled. It is the strongest AiTM control short of phishing-resistant "
                    + "MFA and also covers browsers, which token protection does not.",
            "Require 'compliantDevice' OR 'domainJoinedDevice' for All resources on the managed platforms (Windows, "
                    + "macOS, iOS, Android) and block the remaining platforms; exclude Intune enrolment apps and the "
                    + "break-glass group."),
    TOKEN_PROTECTION_MISSING("AITM-CA-006", Severity.MEDIUM,
            "Token protection is not enforced",
            "Token protection (session control secureSignInSession) binds the sign-in session to the device so a "
                    + "refresh token or session taken from a Windows endpoint cannot be replayed elsewhere.",
            "Create a policy: users = pilot group (later All users), resources = Exchange Online, SharePoint Online "
                    + "(and Teams, AVD, Windows 365), platform = windows, client apps = mobileAppsAndDesktopClients "
                    + "only, session = 'Require token protection for sign-in sessions'. Start report-only and watch "
                    + "tokenProtectionStatusDetails in the sign-in logs."),
    TOKEN_PROTECTION_MISSCOPED("AITM-CA-007", Severity.MEDIUM,
            "Token protection targets resources, clients or platforms it does not support",
            "Token protection only works for Windows native clients on Exchange, SharePoint, Teams, AVD and Windows 365. "
                    + "Targeting All resources or the Office365 group, browsers, or other platforms blocks sign-ins "
                    + "that can never satisfy it (users get errors) while giving no replay protection there.",
            "Scope the policy to the supported resources by id (not All, not Office365), platform = windows only, "
                    + "client apps = mobileAppsAndDesktopClients only; cover browsers and other platforms with a "
                    + "compliant-device requirement instead."),
    CAE_STRICT_MISSING("AITM-CA-008", Severity.LOW,
            "Continuous access evaluation strict enforcement is not configured",
            "CAE with strictLocation makes Exchange, SharePoint, Teams and Graph reject a token as soon as it is used "
                    + "from an IP outside the allowed IP named locations, so a replayed token dies at the resource, not "
                    + "after its hour-long lifetime.",
            "For admins first: a policy with session control continuousAccessEvaluation mode = strictLocation over "
                    + "All resources, with IP named locations covering every egress (no split tunnel). It is a beta "
                    + "Graph property."),
    SIGN_IN_RISK_POLICY_MISSING("AITM-CA-009", Severity.HIGH,
            "No enforced sign-in risk policy",
            "Identity Protection flags replayed and proxied sign-ins (anomalous token, attacker in the middle, "
                    + "unfamiliar features) as medium or high sign-in risk. Without a policy the risk is logged and "
                    + "the sign-in proceeds.",
            "Enforce a policy for All users on All resources with signInRiskLevels = medium, high and grant = "
                    + "phishing-resistant authentication strength (or block) with sign-in frequency 'every time'. "
                    + "Keep it separate from the user-risk policy (P2 licence needed)."),
    USER_RISK_POLICY_MISSING("AITM-CA-010", Severity.HIGH,
            "No enforced user risk policy",
            "A user confirmed or suspected compromised (high user risk) keeps access until someone acts; with a "
                    + "policy, every new sign-in is blocked or forced through a secure password change.",
            "Enforce a policy for All users on All resources with userRiskLevels = high and grant = block, or "
                    + "'passwordChange' AND MFA with sign-in frequency 'every time' (passwordChange must target All "
                    + "resources and stand alone)."),
    EVERY_TIME_FREQUENCY_UNSCOPED("AITM-CA-011", Severity.LOW,
            "Every-time sign-in frequency applies outside an authentication context or risk scope",
            "Sign-in frequency 'every time' forces full re-authentication on every evaluation. Microsoft recommends "
                    + "it only for risky sign-ins, risky users, PIM activation, Intune enrolment and step-up contexts; "
                    + "applied to ordinary app access it trains users to approve constant prompts (MFA fatigue) and "
                    + "breaks clients.",
            "Move the 'every time' control to a policy scoped by an authentication context (c1, c2 …), a user action, "
                    + "sign-in/user risk or the enrolment app; use a time-based frequency for ordinary app access."),
    PROTECTED_ACTIONS_MISSING("AITM-CA-012", Severity.HIGH,
            "Conditional Access and named-location changes are not behind a protected action",
            "An attacker holding an administrator's replayed session can disable policies, exclude themselves or add "
                    + "a trusted named location. Protected actions bind those permissions to an authentication context "
                    + "whose policy demands a fresh phishing-resistant sign-in the attacker cannot give.",
            "Create auth context c1 ('Tenant configuration changes', published), an enforced policy targeting c1 "
                    + "with the phishing-resistant strength and sign-in frequency 'every time' (break-glass excluded), "
                    + "then in Entra roles > Protected actions bind microsoft.directory/conditionalAccessPolicies/* and "
                    + "namedLocations/* to c1."),
    AUTH_CONTEXT_UNTARGETED("AITM-CA-013", Severity.MEDIUM,
            "Authentication context defined but not targeted by an enforced policy",
            "Apps, PIM and protected actions that request this context get no extra check: a context with no enforced "
                    + "policy is satisfied by any session, including a replayed one. Report-only targeting does not count.",
            "Create or enable a policy whose target resources are this authentication context, requiring the "
                    + "phishing-resistant strength with sign-in frequency 'every time'; or delete the context if "
                    + "nothing requests it."),
    AUTH_CONTEXT_POLICY_WEAK("AITM-CA-014", Severity.MEDIUM,
            "An authentication-context policy can be satisfied by a replayed session",
            "Step-up through an authentication context only breaks replay when the required method cannot be relayed "
                    + "(phishing-resistant strength or device-bound grant) and is asked again each time (sign-in "
                    + "frequency 'every time'); plain MFA is already carried by the stolen session.",
            "Require authentication strength 'Phishing-resistant MFA' (or compliant device) and session control "
                    + "sign-in frequency 'every time' in the policy targeting this context."),
    BREAK_GLASS_NOT_EXCLUDED("AITM-CA-015", Severity.HIGH,
            "Break-glass accounts are not excluded from a policy",
            "Emergency-access accounts exist for when Conditional Access or MFA fails. A policy that includes them can "
                    + "lock the tenant out (a block, a device requirement, a federated MFA outage).",
            "Add the break-glass group to the policy's excluded users and groups. Protect the accounts with their "
                    + "own dedicated policy (phishing-resistant strength) and alert on every sign-in."),
    BREAK_GLASS_UNPROTECTED("AITM-CA-016", Severity.MEDIUM,
            "Break-glass accounts are not protected by their own policy",
            "Excluded from every policy, emergency accounts sign in with a password only: one phished or sprayed "
                    + "credential is a permanent Global Administrator session.",
            "Create an enforced policy: users = the break-glass group only, resources = All resources, grant = "
                    + "authentication strength 'Phishing-resistant MFA' (FIDO2 keys kept in a safe); monitor their "
                    + "sign-ins."),
    LONG_RUNNING_REPORT_ONLY("AITM-CA-017", Severity.LOW,
            "A report-only policy has not been promoted for more than 30 days",
            "Report-only collects evidence but enforces nothing. A policy left in report-only for months usually "
                    + "means a control everyone believes is on is off.",
            "Review its reportOnlyFailure / reportOnlyInterrupted rows in the sign-in logs, fix the exceptions, then "
                    + "switch it to 'On' (or delete it)."),
    LEGACY_AUTH_NOT_BLOCKED("AITM-CA-018", Severity.HIGH,
            "Legacy authentication is not blocked",
            "Exchange ActiveSync and other legacy protocols cannot do MFA, so a password captured by the phishing page "
                    + "is enough on its own, and no session cookie is needed.",
            "Enforce a policy for All users on All resources with client apps = exchangeActiveSync and other, grant = "
                    + "block; exclude only the break-glass group."),
    DEVICE_CODE_NOT_BLOCKED("AITM-CA-019", Severity.HIGH,
            "Device-code flow is not blocked",
            "Device-code phishing (Storm-2372) has the victim enter an attacker's code at microsoft.com/devicelogin; "
                    + "the attacker receives the tokens, MFA included, without any proxy.",
            "Enforce a policy for All users on All resources with authentication flows = device code flow (and "
                    + "authentication transfer), grant = block; exclude only the break-glass group and the few "
                    + "accounts that really need device code (meeting-room devices)."),
    SECURITY_INFO_REGISTRATION_UNPROTECTED("AITM-CA-020", Severity.HIGH,
            "Registering security information is not protected",
            "With a replayed session the attacker registers their own authenticator or passkey and keeps access after "
                    + "the password is reset. The user action 'Register security information' needs its own policy.",
            "Enforce a policy on user action urn:user:registersecurityinfo requiring a compliant device, a trusted "
                    + "location or the phishing-resistant strength for All users (break-glass excluded); issue "
                    + "Temporary Access Passes for first registration."),
    MFA_GAP("AITM-CA-021", Severity.HIGH,
            "Some persona, resource, platform and client combination has no enforced MFA",
            "Enumerating persona × resource × platform × client app found sign-ins that no enforced policy blocks or "
                    + "challenges with MFA or a stronger control, so a password alone signs in there.",
            "Extend the MFA policy to that combination (usually: include All users, All resources, all client apps, no "
                    + "platform condition) or block the combination."),
    BREAK_GLASS_UNRESOLVED("AITM-CA-022", Severity.INFO,
            "Break-glass accounts were inferred, not configured",
            "The break-glass accounts decide several checks. They were taken from the object excluded from the most "
                    + "policies or from a group name, which can pick a service-account group.",
            "Pass --break-glass ID[,ID] (user or group object ids) or list them in the directory snapshot."),
    RISK_CONDITIONS_COMBINED("AITM-CA-023", Severity.MEDIUM,
            "A policy combines user risk and sign-in risk",
            "Conditions in one policy are ANDed: the policy only applies when both risks are present at once, so a "
                    + "risky replayed sign-in by a user without user risk is not stepped up.",
            "Split it into one policy for sign-in risk and one for user risk."),
    INERT_POLICY("AITM-CA-024", Severity.MEDIUM,
            "An enabled policy targets no resource, user action or authentication context",
            "A policy whose target resources are 'None' (and no user action or auth context) never applies, so the "
                    + "controls it carries (often CAE, sign-in frequency or token protection for admins) protect nothing "
                    + "while the policy list suggests they do.",
            "Set its target resources to All resources (or the intended apps), or delete it. Check in What If that it "
                    + "now applies to the intended users."),
    SIBLING_SCOPE_DRIFT(SiblingScopeDrift.TEXT),
    SHARED_EXCLUSION(SharedExclusion.TEXT),
    GUEST_TYPES_UNEVEN(GuestTypesUneven.TEXT),
    INEFFECTIVE_CONDITION(IneffectiveCondition.TEXT),
    MISSING_DIRECTORY_OBJECT(MissingDirectoryObject.TEXT),
    CONTROL_PREREQUISITE_MISSING(ControlPrerequisiteMissing.TEXT),
    DUPLICATE_POLICY_ID(DuplicatePolicyId.TEXT),
    REPLAY_PERMUTATION_GAP(ReplayPermutationGap.TEXT);

    private final String id;
    private final Severity severity;
    private final String title;
    private final String why;
    private final String fix;

    Check(String id, Severity severity, String title, String why, String fix) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.why = why;
        this.fix = fix;
    }

    /** A check whose text lives in its own rule class, beside its logic. */
    Check(CheckText text) {
        this(text.id(), text.severity(), text.title(), text.why(), text.fix());
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

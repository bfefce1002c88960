package io.aitmdefense.respond.plan;

import io.aitmdefense.respond.exchange.ContainmentScript;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an incident's findings into the ordered plan of reference/graph-response.md §3: evidence first, then
 * disable → revoke → confirm compromised → the attacker's rules and forwarding → the methods registered in the attack
 * window → the consented app's grant, app role assignments and service principal → the device registered in the attack
 * window → password → the attacker's addresses into the blocking named location → re-enable (analyst only). Only
 * what the evidence names is targeted; the user's own rules, methods, apps and devices are never in a plan.
 * <p>
 * An incident about a page proxying the sign-in page ({@link ProxiedDomain}) has no account: its plan is the one step
 * that blocks the domain in the Tenant Allow/Block List, and the users who signed in from its visitors' addresses
 * are listed to watch.
 */
public final class Planner {

    public Plan plan(Findings f, Optional<UserFacts> facts, PlanOptions options, Instant now) {
        if (f.proxiedDomain().isPresent()) return pagePlan(f, f.proxiedDomain().get(), options, now);
        List<Check> preflight = preflight(f, facts, options);
        boolean refused = preflight.stream().anyMatch(c -> c.status() == Check.Status.REFUSE);
        boolean synced = facts.map(UserFacts::synced).orElse(false);
        List<String> warnings = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        Target.Account account = new Target.Account(f.user(), f.evidence());
        String u = "/v1.0/users/" + f.user();

        steps.add(new Step("evidence", StepKind.EVIDENCE, "Collect evidence (sign-ins, audits, rules, forwarding, "
                + "methods, grants, devices, risk) into a bundle with SHA-256 of every file", "GET …", Step.Gate.ALWAYS,
                account, List.of()));
        List<Step> writes = new ArrayList<>();
        writes.add(step(StepKind.DISABLE_ACCOUNT, "", "PATCH " + u + " {\"accountEnabled\":false}", account,
                synced ? List.of("directory-synced: the on-premises account wins at the next sync; disable it in "
                        + "Active Directory too (script)") : List.of()));
        writes.add(step(StepKind.REVOKE_SESSIONS, "", "POST " + u + "/revokeSignInSessions", account,
                List.of("access tokens already issued stay valid until they expire (about an hour) unless the "
                        + "resource supports continuous access evaluation")));
        if (facts.flatMap(UserFacts::p2).orElse(true)) {
            writes.add(step(StepKind.CONFIRM_COMPROMISED, "",
                    "POST /v1.0/identityProtection/riskyUsers/confirmCompromised {\"userIds\":[\"" + facts.map(UserFacts::id)
                            .orElse("{id of " + f.user() + "}") + "\"]}", account,
                    facts.flatMap(UserFacts::p2).isPresent() ? List.of()
                            : List.of("needs Entra ID P2: not checked yet, the step fails with 403 without it")));
        } else {
            warnings.add("Confirm compromised is left out: the tenant has no Entra ID P2 licence");
        }
        int n = 0;
        for (Target.InboxRule r : f.rules()) {
            String label = r.name().isEmpty() ? "forwarding to " + String.join(", ", r.recipients()) : "\"" + r.name() + "\"";
            writes.add(step(StepKind.REMOVE_INBOX_RULE, numbered(f.rules().size(), ++n),
                    "DELETE /v1.0/users/" + r.mailbox() + "/mailFolders/inbox/messageRules/{id of " + label + "}", r,
                    List.of("the rule JSON is kept in the evidence bundle and the audit trail, so it can be re-created")));
        }
        n = 0;
        for (Target.Forwarding fw : f.forwarding()) {
            Step s = step(StepKind.CLEAR_FORWARDING, numbered(f.forwarding().size(), ++n),
                    "Exchange Set-Mailbox -Identity " + fw.mailbox() + " -ForwardingSmtpAddress $null -ForwardingAddress $null"
                            + " -DeliverToMailboxAndForward $false", fw,
                    options.exchange() ? List.of("through Exchange admin REST InvokeCommand")
                            : List.of("Exchange admin REST is not configured: run the script"));
            writes.add(options.exchange() ? s : withGate(s, Step.Gate.SCRIPT));
        }
        n = 0;
        for (Target.Method m : f.methods()) {
            writes.add(step(StepKind.DELETE_AUTH_METHOD, numbered(f.methods().size(), ++n),
                    "DELETE " + u + "/authentication/{type}Methods/{id of the " + m.method() + " method registered "
                            + m.registered() + "}", m,
                    List.of("only the method registered in the attack window; the user's own methods stay")));
        }
        n = 0;
        for (Target.Consent c : f.consents()) {
            n++;
            String app = c.appName().isEmpty() ? c.appId() : c.appName() + " (" + c.appId() + ")";
            writes.add(step(StepKind.REVOKE_GRANT, numbered(f.consents().size(), n),
                    "DELETE /v1.0/oauth2PermissionGrants/{id of " + f.user() + "'s grant to " + app + "}", c,
                    List.of("the grant JSON is kept in the audit trail so it can be re-created")));
            writes.add(step(StepKind.REMOVE_APP_ROLES, numbered(f.consents().size(), n),
                    "DELETE " + u + "/appRoleAssignments/{id of each assignment of " + f.user() + " to " + app + "}", c,
                    List.of("only assignments whose resource is this app; the user's assignments to other apps stay",
                            "the assignment JSON is kept in the audit trail so it can be re-created")));
            writes.add(step(StepKind.DISABLE_APP, numbered(f.consents().size(), n),
                    "PATCH /v1.0/servicePrincipals/{id of " + app + "} {\"accountEnabled\":false}", c,
                    List.of("tenant-wide: every user of this app loses it; always needs approval. Disabled, not "
                            + "deleted, so another user's consent cannot bring it back")));
        }
        List<Target.Device> devices = f.devices().stream().filter(d -> inWindow(d, f)).toList();
        n = 0;
        for (Target.Device d : devices) {
            writes.add(step(StepKind.DISABLE_DEVICE, numbered(devices.size(), ++n), "PATCH /v1.0/devices/{object id of "
                    + d.displayName() + " (" + d.deviceId() + ")} {\"accountEnabled\":false}", d,
                    List.of("its primary refresh token can satisfy device conditions of Conditional Access; disabled, "
                            + "not deleted, so the object and its audit trail stay for the investigation",
                            "an application can change accountEnabled on Windows devices only: for another platform "
                                    + "the step fails with Graph's answer; disable or delete it as a Cloud Device Administrator")));
        }
        if (synced) {
            writes.add(withGate(step(StepKind.RESET_PASSWORD, "", "on-premises: Set-ADAccountPassword (twice), see the script",
                    account, List.of("directory-synced: a cloud password change does not write back; reset on-premises")),
                    Step.Gate.SCRIPT));
            warnings.add(f.user() + " is synced from on-premises Active Directory: disable and reset the password there "
                    + "too, or the next sync undoes it (see the script)");
        } else {
            writes.add(step(StepKind.RESET_PASSWORD, "", "PATCH " + u + " {\"passwordProfile\":{\"forceChangePasswordNextSignIn\":true,"
                    + "\"password\":\"<generated, never shown or stored>\"}}", account,
                    List.of("never retried blindly: after a lost answer, lastPasswordChangeDateTime is read first",
                            "the user regains access through self-service reset or a Temporary Access Pass from the help desk")));
        }
        if (!f.ips().isEmpty()) {
            Target.Addresses block = Target.Addresses.of(f.ips(), f.evidence());
            writes.add(step(StepKind.BLOCK_ADDRESSES, "", "POST /v1.0/identity/conditionalAccess/namedLocations "
                    + "(or PATCH the existing \"" + block.location() + "\" with " + String.join(", ", block.ranges())
                    + " merged into its ipRanges)", block,
                    List.of("tenant-wide: one location collects every incident's addresses; found again by its name and "
                                    + "merged, since a PATCH replaces the whole ipRanges list",
                            "blocks nothing on its own: a Conditional Access policy that blocks this location is left to "
                                    + "the tenant's hardening (aitm harden), report-only first",
                            "AiTM infrastructure rotates within days: a supplement to the steps above, never the fix")));
        }
        writes.add(step(StepKind.ENABLE_ACCOUNT, "", "PATCH " + u + " {\"accountEnabled\":true}", account,
                List.of("only when an analyst names it (--approve=enable), after the steps above are verified")));
        for (Step s : writes) steps.add(refused ? withGate(s, Step.Gate.REFUSED) : s);
        for (Target.Device d : f.devices()) {
            if (devices.contains(d)) continue;
            warnings.add("Device " + d.displayName() + " (" + d.deviceId() + ") was registered " + d.registered()
                    + ", outside the attacker's activity " + f.firstActivity() + " … " + f.lastActivity() + " (records "
                    + String.join(", ", d.evidence()) + "): not planned; check whether it is the user's before acting on it");
        }
        if (f.rules().isEmpty() && f.forwarding().isEmpty()) {
            warnings.add("No inbox rule or forwarding in the evidence: rules hidden from Graph are only visible to "
                    + "Exchange Get-InboxRule -IncludeHidden (in the script)");
        }
        String script = ContainmentScript.of(f, synced);
        return new Plan(f, now, preflight, steps, script, warnings);
    }

    private static Plan pagePlan(Findings f, String domain, PlanOptions options, Instant now) {
        List<Check> preflight = List.of(new Check("page", Check.Status.OK, domain + " is a page proxying the sign-in "
                + "page: there is no account to contain, only the domain to block"));
        Step block = step(StepKind.BLOCK_URL, "", "Exchange New-TenantAllowBlockListItems -ListType Url -Block -Entries "
                        + domain + " -NoExpiration", new Target.Url(domain, f.evidence()),
                List.of("tenant-wide: read first with Get-TenantAllowBlockListItems -ListType Url -Block; already "
                                + "blocked → nothing written",
                        "blocks the host in mail flow (Exchange Online Protection) and, with Defender for Office 365 "
                                + "Safe Links, at the time of click; its subdomains need ~" + domain + "~ or *." + domain,
                        options.exchange() ? "through Exchange admin REST InvokeCommand"
                                : "Exchange admin REST is not configured: run the script",
                        "AiTM kits rotate domains within days: a supplement to the users' containment, never the fix"));
        List<String> warnings = new ArrayList<>();
        warnings.add(f.campaignUsers().isEmpty()
                ? "No sign-in from the addresses " + domain + " was shown to yet: a user who signs in from one within 15 "
                        + "minutes of the hit is named at risk in their own incident"
                : "Watch the users who signed in from an address " + domain + " was shown to: "
                        + String.join(", ", f.campaignUsers()) + " (each has an incident of their own: revoke their sessions there)");
        return new Plan(f, now, preflight, List.of(options.exchange() ? block : withGate(block, Step.Gate.SCRIPT)),
                ContainmentScript.of(f, false), warnings);
    }

    /**
     * Only a device registered while the attacker was active is theirs to disable: one the user registered before or
     * after is never a target, even when an alert of the incident names it.
     */
    private static boolean inWindow(Target.Device d, Findings f) {
        return !d.registered().isBefore(f.firstActivity()) && !d.registered().isAfter(f.lastActivity());
    }

    private static List<Check> preflight(Findings f, Optional<UserFacts> facts, PlanOptions options) {
        List<Check> checks = new ArrayList<>();
        boolean glass = options.breakGlass(f.user());
        checks.add(glass ? new Check("break-glass", options.confirmPrivileged() ? Check.Status.WARN : Check.Status.REFUSE,
                f.user() + " is a break-glass account (tenant.breakGlass)" + (options.confirmPrivileged()
                        ? ": confirmed with --confirm-privileged" : ": refused without --confirm-privileged"))
                : new Check("break-glass", Check.Status.OK, "not a break-glass account"));
        if (facts.isEmpty()) {
            checks.add(new Check("tenant", Check.Status.UNKNOWN, "no tenant connection: roles, sync state and licence "
                    + "are checked when the plan runs"));
            return checks;
        }
        UserFacts u = facts.get();
        if (u.adminRoles().isEmpty()) {
            checks.add(new Check("privileged", Check.Status.OK, "holds no directory role"));
        } else {
            checks.add(new Check("privileged", options.confirmPrivileged() ? Check.Status.WARN : Check.Status.REFUSE,
                    "holds " + String.join(", ", u.adminRoles()) + (options.confirmPrivileged()
                            ? ": confirmed with --confirm-privileged (the app needs a higher role to change this account)"
                            : ": refused without --confirm-privileged")));
        }
        checks.add(u.synced() ? new Check("synced", Check.Status.WARN, "directory-synced (onPremisesSyncEnabled): "
                + "on-premises state wins at the next sync") : new Check("synced", Check.Status.OK, "cloud-only account"));
        checks.add(u.p2().map(p2 -> p2 ? new Check("licence", Check.Status.OK, "Entra ID P2: confirm compromised available")
                        : new Check("licence", Check.Status.WARN, "no Entra ID P2: confirm compromised left out"))
                .orElse(new Check("licence", Check.Status.UNKNOWN, "subscribed SKUs not readable")));
        checks.add(new Check("enabled", u.accountEnabled() ? Check.Status.OK : Check.Status.WARN,
                u.accountEnabled() ? "account enabled" : "account already disabled"));
        return checks;
    }

    private static Step step(StepKind kind, String suffix, String request, Target target, List<String> notes) {
        String title = kind.title();
        if (target instanceof Target.InboxRule r) title += " \"" + r.name() + "\"";
        if (target instanceof Target.Method m) title += " (" + m.method() + ")";
        if (target instanceof Target.Consent c) title += " (" + (c.appName().isEmpty() ? c.appId() : c.appName()) + ")";
        if (target instanceof Target.Device d) title += " (" + (d.displayName().isEmpty() ? d.deviceId() : d.displayName()) + ")";
        Step.Gate gate = kind == StepKind.ENABLE_ACCOUNT ? Step.Gate.NAMED_ONLY
                : kind.automatic() ? Step.Gate.AUTOMATIC_OR_APPROVAL : Step.Gate.APPROVAL;
        return new Step(kind.id() + suffix, kind, title, request, gate, target, notes);
    }

    private static String numbered(int count, int n) {
        return count > 1 ? "-" + n : "";
    }

    private static Step withGate(Step s, Step.Gate gate) {
        return new Step(s.id(), s.kind(), s.title(), s.request(), gate, s.target(), s.notes());
    }
}

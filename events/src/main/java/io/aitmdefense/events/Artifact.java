package io.aitmdefense.events;

import java.util.List;

/**
 * What an audit or mailbox record changed, parsed from its parameters: the things an attacker plants to
 * keep access (rules, forwarding, consents, MFA methods, devices) or to weaken defences (policy changes).
 */
public sealed interface Artifact {

    /**
     * An inbox rule created, changed, disabled or removed (New-/Set-/Disable-/Remove-InboxRule or UpdateInboxRules).
     * {@code conditions} is the rule's matching text (keywords, senders, MAPI restriction); {@code mailbox} the
     * mailbox the rule is in; {@code ruleId} Exchange's identity of the rule when logged ("" otherwise), what a
     * responder passes to Remove-InboxRule.
     */
    record InboxRule(String operation, String name, boolean enabled, String conditions,
                     List<String> forwardTo, List<String> redirectTo, List<String> forwardAsAttachmentTo,
                     boolean deletes, boolean marksRead, String moveToFolder, boolean stopsProcessing,
                     String mailbox, String ruleId)
            implements Artifact {
        public List<String> recipients() {
            return concat(forwardTo, redirectTo, forwardAsAttachmentTo);
        }

        public boolean removed() {
            return operation.equalsIgnoreCase("Remove-InboxRule") || operation.equalsIgnoreCase("Disable-InboxRule");
        }
    }

    /** Mailbox-level forwarding (Set-Mailbox ForwardingSmtpAddress / ForwardingAddress), or a transport rule redirect. */
    record MailForwarding(String operation, String mailbox, List<String> addresses, boolean keepsCopy)
            implements Artifact {
    }

    /** Mailbox delegation: FullAccess, SendAs, SendOnBehalf granted to another principal. */
    record MailboxDelegation(String operation, String mailbox, String grantee, String rights) implements Artifact {
    }

    /**
     * OAuth consent to an application. consentType: Principal (one user) or AllPrincipals (tenant-wide);
     * {@code servicePrincipalId} the app's service principal object id in the tenant, {@code grantIds} the
     * delegated permission grants written (a responder removes these), each "" / empty when not logged.
     */
    record AppConsent(String appId, String appName, List<String> scopes, String consentType, boolean adminConsent,
                      String servicePrincipalId, List<String> grantIds)
            implements Artifact {
    }

    /** A security-info (MFA) method registered, changed or deleted; {@code methodId} is the method's id when logged. */
    record MfaMethodChange(String method, boolean added, boolean byAdmin, String methodId) implements Artifact {
    }

    /** A device registered or joined, or a registered owner/user added to a device. */
    record DeviceRegistration(String deviceId, String displayName, String operatingSystem, String osVersion,
                              String trustType) implements Artifact {
    }

    /**
     * A security policy added, updated or deleted: Conditional Access policy, named location, authentication
     * methods policy, company-wide MFA settings, cross-tenant access settings, a domain's federation settings. Old and
     * new values are the serialised policy as logged ("" if none).
     */
    record PolicyChange(Kind kind, String operation, String policyId, String policyName,
                        String oldValue, String newValue) implements Artifact {
        /** New kinds go last: snapshots store the ordinal. */
        public enum Kind { CONDITIONAL_ACCESS, NAMED_LOCATION, AUTH_METHODS, OTHER, CROSS_TENANT_ACCESS, DOMAIN_FEDERATION }
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        if (b.isEmpty() && c.isEmpty()) return a;
        var all = new java.util.ArrayList<String>(a.size() + b.size() + c.size());
        all.addAll(a);
        all.addAll(b);
        all.addAll(c);
        return List.copyOf(all);
    }
}

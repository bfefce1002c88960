package io.aitmdefense.respond.plan;

import java.time.Instant;
import java.util.List;

/**
 * What one step acts on, as the incident's evidence describes it. Each names the evidence records it rests on
 * ({@code evidence}: the records' own ids — sign-in request id, audit id, unified audit id — or {@code file:line}
 * when a record has none). The live object (rule id, method id, grant id) is found at run time by matching these
 * values, so a plan made offline from the logs is still precise.
 */
public sealed interface Target {

    List<String> evidence();

    /** The compromised account itself. */
    record Account(String user, List<String> evidence) implements Target {
    }

    /**
     * An inbox rule the attacker created. Matched against the mailbox's rules by {@code ruleId} when the log had the
     * Exchange identity, else by display name, and when forward targets are known they must overlap too — so a
     * user's own rule of another name, or of the same name forwarding elsewhere, is never touched.
     */
    record InboxRule(String mailbox, String name, String ruleId, List<String> recipients, List<String> evidence)
            implements Target {
    }

    /** Mailbox forwarding ({@code ForwardingSmtpAddress}) the attacker set: Exchange only. */
    record Forwarding(String mailbox, List<String> addresses, List<String> evidence) implements Target {
    }

    /**
     * An OAuth consent the user (or the attacker as the user) gave. {@code grantIds} and {@code servicePrincipalId}
     * come from the audit record when logged; otherwise the grants are found by the app's id.
     */
    record Consent(String appId, String appName, String servicePrincipalId, List<String> grantIds, List<String> scopes,
                   String consentType, List<String> evidence) implements Target {
    }

    /**
     * An authentication method registered in the attack window. {@code method} is the audit's wording ("Phone",
     * "Authenticator app", "FIDO2 security key"…); {@code methodId} when the log had it.
     */
    record Method(String method, String methodId, Instant registered, List<String> evidence) implements Target {
    }

    /**
     * A device registered or joined from the attacker's session. {@code deviceId} is the id the audit record's
     * target carries: the directory object id, or in some records the device's own {@code deviceId}; both are tried.
     */
    record Device(String deviceId, String displayName, String operatingSystem, Instant registered, List<String> evidence)
            implements Target {
    }

    /**
     * The attacker's addresses as CIDR ranges, for the untrusted IP named location {@code location}, which aitm
     * creates once and finds again by that name; the evidence is the replayed sign-ins.
     */
    record Addresses(String location, List<String> ranges, List<String> evidence) implements Target {
        /** The display name of the one location aitm keeps for every incident's addresses. */
        public static final String LOCATION = "aitm: attacker addresses";

        public Addresses {
            ranges = List.copyOf(ranges);
            evidence = List.copyOf(evidence);
        }

        /** The addresses as ranges: {@code 203.0.113.10/32}, {@code 2001:db8::1/128}; a range stays as it is. */
        public static Addresses of(List<String> ips, List<String> evidence) {
            return new Addresses(LOCATION, ips.stream().map(ip -> ip.contains("/") ? ip : ip + (ip.contains(":") ? "/128" : "/32"))
                    .toList(), evidence);
        }
    }

    /**
     * A URL entry of the Tenant Allow/Block List: the domain of a page proxying the sign-in page, blocked in mail
     * flow and, with Defender for Office 365 Safe Links, at the time of click; the evidence is the canary's hits.
     */
    record Url(String entry, List<String> evidence) implements Target {
        public Url {
            evidence = List.copyOf(evidence);
        }
    }
}

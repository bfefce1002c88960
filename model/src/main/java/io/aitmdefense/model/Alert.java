package io.aitmdefense.model;

import io.aitmdefense.events.Artifact;

import java.time.Instant;
import java.util.List;

/**
 * One detection firing for one user. {@code id} is a {@link StableId} of tenant, detection, user key and the
 * anchoring record's own id, so the same logs give the same id whatever their order. {@code tenant} is the Entra
 * tenant id ("" when the logs never name one); {@code userKey} the key the engine grouped by; {@code user} what a
 * person reads (the UPN when the logs have one). {@code explanation} is a sentence with the concrete values (IPs,
 * ASNs and owners, user agents, session id, rule text); {@code infrastructure} is what the attacker used, for the
 * incident's infrastructure list and the campaign (blast-radius) view; {@code artifacts} are what the attacker
 * planted or changed (the rule, the grant, the method, the policy), as parsed from the logs, for a response to act on.
 */
public record Alert(String id, String tenant, String userKey, String user,
                    String detectionId, String title, Severity severity, double confidence,
                    Instant start, Instant end, KillChainStage stage, List<String> techniques,
                    String explanation, Infrastructure infrastructure,
                    List<Artifact> artifacts, List<Evidence> evidence) {

    /** Attacker-side values seen in the alert's evidence. */
    public record Infrastructure(List<String> ips, List<Integer> asns, List<String> userAgents,
                                 List<String> sessionIds) {
        public static final Infrastructure NONE = new Infrastructure(List.of(), List.of(), List.of(), List.of());
    }

    /** The alert id: the same tenant, detection, user and anchoring record always give the same id. */
    public static String idOf(String tenant, String detectionId, String userKey, String anchorRecordId) {
        return StableId.of("al-", tenant + "|" + detectionId + "|" + userKey + "|" + anchorRecordId);
    }
}

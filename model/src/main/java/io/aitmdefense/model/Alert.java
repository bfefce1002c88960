package io.aitmdefense.model;

import java.time.Instant;
import java.util.List;

/**
 * One detection firing for one user. {@code explanation} is a sentence with the concrete values (IPs, ASNs and
 * owners, user agents, session id, rule text); {@code infrastructure} is what the attacker used, for the incident's
 * infrastructure list and the campaign (blast-radius) view.
 */
public record Alert(String detectionId, String title, Severity severity, double confidence, String user,
                    Instant start, Instant end, KillChainStage stage, List<String> techniques,
                    String explanation, Infrastructure infrastructure, List<Evidence> evidence) {

    /** Attacker-side values seen in the alert's evidence. */
    public record Infrastructure(List<String> ips, List<Integer> asns, List<String> userAgents,
                                 List<String> sessionIds) {
        public static final Infrastructure NONE = new Infrastructure(List.of(), List.of(), List.of(), List.of());
    }
}

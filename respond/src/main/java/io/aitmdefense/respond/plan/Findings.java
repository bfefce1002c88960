package io.aitmdefense.respond.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one incident's evidence says happened and what the attacker left behind: the input of the {@link Planner}.
 * Built from an incident by {@link IncidentFindings}; every list holds only what the logs show, never a guess.
 *
 * @param user the UPN the logs name (Graph accepts it wherever an object id is accepted)
 * @param firstActivity the first attacker activity: methods registered from here on are suspects
 * @param lastActivity the last attacker activity seen: sessions valid from after it are already cut
 * @param detections the detection ids that fired, for the automatic-containment policy
 * @param campaignUsers other users of the same campaign, listed for review; for a proxied domain, the users who signed
 *                      in from the addresses the page was shown to (to watch)
 * @param proxiedDomain the domain of a page proxying the sign-in page, when the incident is about that page and not a
 *                      user ({@link ProxiedDomain}); {@code user} is then that domain
 */
public record Findings(String incidentId, String tenant, String user, double confidence, Instant firstActivity,
                       Instant lastActivity, List<String> detections, List<String> evidence,
                       List<Target.InboxRule> rules, List<Target.Forwarding> forwarding, List<Target.Consent> consents,
                       List<Target.Method> methods, List<Target.Device> devices, List<String> ips,
                       List<String> campaignUsers, Optional<String> proxiedDomain) {

    public Findings {
        detections = List.copyOf(detections);
        evidence = List.copyOf(evidence);
        rules = List.copyOf(rules);
        forwarding = List.copyOf(forwarding);
        consents = List.copyOf(consents);
        methods = List.copyOf(methods);
        devices = List.copyOf(devices);
        ips = List.copyOf(ips);
        campaignUsers = List.copyOf(campaignUsers);
    }

    /** The findings of a user's incident. */
    public Findings(String incidentId, String tenant, String user, double confidence, Instant firstActivity,
                    Instant lastActivity, List<String> detections, List<String> evidence,
                    List<Target.InboxRule> rules, List<Target.Forwarding> forwarding, List<Target.Consent> consents,
                    List<Target.Method> methods, List<Target.Device> devices, List<String> ips,
                    List<String> campaignUsers) {
        this(incidentId, tenant, user, confidence, firstActivity, lastActivity, detections, evidence, rules, forwarding,
                consents, methods, devices, ips, campaignUsers, Optional.empty());
    }
}

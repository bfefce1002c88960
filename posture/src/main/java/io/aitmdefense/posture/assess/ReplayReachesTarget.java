package io.aitmdefense.posture.assess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** AITM-CA-004: the replay simulation grants a persona (break-glass aside) a sensitive target; critical for admins or an administrative target. */
final class ReplayReachesTarget implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-004", Severity.HIGH,
            "A replayed session cookie or refresh token reaches a sensitive resource",
            "Evaluated like What If: a stolen cookie or refresh token replayed from an unregistered Linux or Windows "
                    + "machine on a hosting network outside every named location, medium sign-in risk, carrying only "
                    + "the MFA claim of the phished session, is granted access. This is the attack AiTM kits automate.",
            "Add a requirement the attacker cannot meet on that persona and resource: compliant or hybrid-joined "
                    + "device, phishing-resistant authentication strength, or (Windows native clients on Exchange/"
                    + "SharePoint) token protection; add sign-in-risk step-up for medium and high risk.");

    @Override
    public Check check() {
        return Check.REPLAY_REACHES_TARGET;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        Map<Persona, List<ReplayResult>> byPersona = new LinkedHashMap<>();
        for (ReplayResult r : context.replays()) {
            if (r.persona() == Persona.BREAK_GLASS || !r.attackerGetsIn()) continue;
            byPersona.computeIfAbsent(r.persona(), p -> new ArrayList<>()).add(r);
        }
        List<Finding> out = new ArrayList<>();
        byPersona.forEach((persona, results) -> {
            List<String> parts = new ArrayList<>();
            Set<String> policies = new LinkedHashSet<>();
            boolean critical = persona == Persona.ADMINS;
            for (ReplayResult r : results) {
                critical |= r.target().administrative() && r.attacker().outcome() == Outcome.GRANTED;
                if (r.stoppedOnlyByLocation()) {
                    parts.add(r.target().label() + " (stopped only by " + String.join(", ", r.attacker().decidingPolicies())
                            + " from abroad; granted from a host in an allowed country)");
                    policies.addAll(r.attacker().decidingPolicies());
                } else {
                    parts.add(r.target().label());
                }
                r.attacker().reportOnlyWouldStop().forEach(p -> policies.add(p.policy()));
            }
            String detail = "A replayed session of " + persona.label() + " is granted: " + String.join("; ", parts) + ".";
            out.add(new Finding(check(), critical ? Severity.CRITICAL : Severity.HIGH, detail, List.copyOf(policies)));
        });
        return out;
    }
}

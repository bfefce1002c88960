package io.aitmdefense.posture.assess;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * AITM-CA-032: the replay is stopped on some platforms and clients and granted on others for the same persona and
 * target. Reported only where AITM-CA-004 is silent (the replay from the attacker's own Linux or Windows machine is
 * stopped, or the target is not one of its sensitive targets), so one gap is reported once.
 */
final class ReplayPermutationGap implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-032", Severity.HIGH,
            "A replayed session gets in when it presents another platform or client",
            "Conditional Access reads the device platform from the user agent, which the attacker writes, and the "
                    + "client type from the protocol the attacker chooses. Evaluating every platform (Windows, macOS, "
                    + "Linux, iOS, Android) × client (browser, mobile and desktop apps) × target found combinations "
                    + "where the stolen session is granted while its neighbours are stopped: the attacker replays as "
                    + "that combination (typically a mobile browser to an app outside the Office 365 group).",
            "Extend the policies that stop the other combinations to this one: drop the platform or client-app "
                    + "condition that leaves it out, or target All resources instead of Office365; block unknown and "
                    + "unmanaged platforms, and require a compliant device or app protection on iOS and Android for "
                    + "browsers as well as apps.");

    @Override
    public Check check() {
        return Check.REPLAY_PERMUTATION_GAP;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (ReplayCoverage coverage : context.permutations()) {
            if (coverage.persona() == Persona.BREAK_GLASS || !coverage.mixed()) continue;
            if (reportedAsReplay(context, coverage)) continue;
            List<String> stopped = new ArrayList<>();
            Set<String> policies = new LinkedHashSet<>();
            for (ReplayCoverage.Group g : coverage.groups()) {
                if (g.outcome() == Outcome.GRANTED) continue;
                stopped.add(g.cells() + " (" + (g.decidingPolicies().isEmpty() ? g.outcome().label()
                        : String.join(", ", g.decidingPolicies())) + ")");
                policies.addAll(g.decidingPolicies());
            }
            out.add(new Finding(check(), "A replayed session of " + coverage.persona().label() + " reaches "
                    + coverage.target().label() + " as " + ReplayCoverage.describe(coverage.granted())
                    + "; stopped as " + String.join("; ", stopped) + ".", List.copyOf(policies)));
        }
        return out;
    }

    private static boolean reportedAsReplay(CheckContext context, ReplayCoverage coverage) {
        return context.replays().stream().anyMatch(r -> r.persona() == coverage.persona()
                && r.target() == coverage.target() && r.attackerGetsIn());
    }
}

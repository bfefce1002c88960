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
        List<ReplayCoverage> unreported = context.permutations().stream()
                .filter(c -> c.persona() != Persona.BREAK_GLASS && !reportedAsReplay(context, c)).toList();
        List<Finding> out = new ArrayList<>();
        // Targets of one persona with the same verdicts on the same platforms are one gap: one finding.
        for (ReplayCoverage.Folded f : ReplayCoverage.foldMixed(unreported)) {
            List<String> stopped = new ArrayList<>();
            List<ReplayResult.Variant> granted = new ArrayList<>();
            Set<String> policies = new LinkedHashSet<>();
            for (ReplayCoverage.Group g : f.groups()) {
                if (g.outcome() == Outcome.GRANTED) {
                    granted.addAll(g.variants());
                    continue;
                }
                stopped.add(g.cells() + " (" + (g.decidingPolicies().isEmpty() ? g.outcome().label()
                        : String.join(", ", g.decidingPolicies())) + ")");
                policies.addAll(g.decidingPolicies());
            }
            out.add(new Finding(check(), "A replayed session of " + f.persona().label() + " reaches "
                    + String.join(", ", f.targets().stream().map(Target::label).toList()) + " as "
                    + ReplayCoverage.describe(granted) + "; stopped as " + String.join("; ", stopped) + ".",
                    List.copyOf(policies)));
        }
        return out;
    }

    private static boolean reportedAsReplay(CheckContext context, ReplayCoverage coverage) {
        return context.replays().stream().anyMatch(r -> r.persona() == coverage.persona()
                && r.target() == coverage.target() && r.attackerGetsIn());
    }
}

package io.aitmdefense.harden.verify;

import io.aitmdefense.harden.plan.PromisedCell;
import io.aitmdefense.posture.assess.CellStatus;
import io.aitmdefense.posture.assess.ControlScore;
import io.aitmdefense.posture.assess.Control;
import io.aitmdefense.posture.assess.KillChainStep;
import io.aitmdefense.posture.assess.Outcome;
import io.aitmdefense.posture.assess.Persona;
import io.aitmdefense.posture.assess.Target;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;

import java.util.List;

/**
 * The plan checked by our own evaluator: the posture assessment of the export, and of the export with the plan
 * applied and every planned policy enforced for all users (the state after the last ring). It says which promised
 * matrix cells hold, which findings close, what a replayed session gets per persona × target × platform × client
 * before and after (for a replay Identity Protection does not flag, so device-bound controls are judged on their own),
 * and what stays open — above all where token protection cannot bind the session.
 */
public record PlanVerification(
        ControlScore before,
        ControlScore after,
        List<Cell> cells,
        List<Promise> promises,
        List<FindingClosure> findings,
        List<Replay> replays,
        List<String> gaps) {

    public PlanVerification {
        cells = List.copyOf(cells);
        promises = List.copyOf(promises);
        findings = List.copyOf(findings);
        replays = List.copyOf(replays);
        gaps = List.copyOf(gaps);
    }

    /** One applicable kill-chain × control cell, before and after. */
    public record Cell(KillChainStep step, Control control, CellStatus before, CellStatus after, List<String> afterPolicies,
                       String afterNote) {
        public Cell {
            afterPolicies = List.copyOf(afterPolicies);
        }
    }

    /** A cell a planned policy promises, and whether the after-assessment shows it enforced. */
    public record Promise(String policy, PromisedCell cell, boolean kept) {
    }

    /** A finding a planned policy is meant to close: present before, present after. */
    public record FindingClosure(String policy, String findingId, boolean before, boolean after) {
        public boolean closed() {
            return !after;
        }
    }

    /**
     * A replayed session of {@code persona} to {@code target} from {@code platform} with {@code client}: what it got
     * before and after, who stops it after, and whether token protection can bind such a session at all.
     */
    public record Replay(Persona persona, Target target, Platform platform, ClientAppType client, Outcome before,
                         Outcome after, List<String> stoppedBy, boolean tokenProtectionCanBind) {
        public Replay {
            stoppedBy = List.copyOf(stoppedBy);
        }
    }

    public boolean promisesKept() {
        return promises.stream().allMatch(Promise::kept);
    }

    public List<Replay> stillGranted() {
        return replays.stream().filter(r -> r.after() == Outcome.GRANTED).toList();
    }

    public Cell cell(KillChainStep step, Control control) {
        return cells.stream().filter(c -> c.step() == step && c.control() == control).findFirst().orElseThrow();
    }
}

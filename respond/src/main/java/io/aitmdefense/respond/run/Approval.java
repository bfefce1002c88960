package io.aitmdefense.respond.run;

import io.aitmdefense.respond.plan.Step;

import java.util.Set;

/**
 * What the person (or the tenant's automatic-containment policy) allowed. Without approval only the evidence step
 * runs and every other step shows its diff. {@code --approve} allows every step but re-enabling; {@code
 * --approve=STEP,STEP} allows the steps named (re-enabling only this way); the automatic policy allows the
 * reversible, user-scoped steps, or only some of them ({@code steps}, e.g. revoke for a user the canary names at risk).
 *
 * @param label how the approval is written in the audit trail
 */
public record Approval(Mode mode, Set<String> steps, String label) {

    public enum Mode { NONE, ALL, NAMED, AUTOMATIC }

    public Approval {
        steps = Set.copyOf(steps);
    }

    public static Approval none() {
        return new Approval(Mode.NONE, Set.of(), "dry-run");
    }

    public static Approval all() {
        return new Approval(Mode.ALL, Set.of(), "--approve");
    }

    public static Approval named(Set<String> steps) {
        return new Approval(Mode.NAMED, steps, "--approve=" + String.join(",", new java.util.TreeSet<>(steps)));
    }

    public static Approval automatic(String policy) {
        return new Approval(Mode.AUTOMATIC, Set.of(), "auto:" + policy);
    }

    /** The automatic policy, limited to these of the automatic steps. */
    public static Approval automaticSteps(Set<String> steps, String policy) {
        return new Approval(Mode.AUTOMATIC, steps, "auto:" + policy);
    }

    public boolean allows(Step s) {
        return switch (s.gate()) {
            case ALWAYS -> true;
            case REFUSED, SCRIPT -> false;
            case NAMED_ONLY -> mode == Mode.NAMED && steps.contains(s.id());
            case APPROVAL -> mode == Mode.ALL || (mode == Mode.NAMED && steps.contains(s.id()));
            case AUTOMATIC_OR_APPROVAL -> mode == Mode.ALL || (mode == Mode.AUTOMATIC && (steps.isEmpty() || steps.contains(s.id())))
                    || (mode == Mode.NAMED && steps.contains(s.id()));
        };
    }

    public boolean dryRun() {
        return mode == Mode.NONE;
    }
}

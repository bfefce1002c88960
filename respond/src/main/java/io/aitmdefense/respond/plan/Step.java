package io.aitmdefense.respond.plan;

import java.util.List;

/**
 * One step of a plan.
 *
 * @param id what {@code --approve=} names: the kind's id, numbered when the plan has several of a kind
 * @param request the concrete call, e.g. {@code DELETE /v1.0/users/jane@contoso.example/mailFolders/inbox/messageRules/{id of "x"}}
 * @param gate who may let it run
 * @param notes why the step is as it is (a synced user, a method the evidence cannot single out), for the analyst
 */
public record Step(String id, StepKind kind, String title, String request, Gate gate, Target target, List<String> notes) {

    public Step {
        notes = List.copyOf(notes);
    }

    public List<String> evidence() {
        return target.evidence();
    }

    public enum Gate {
        /** Read-only: runs always, even in dry-run. */
        ALWAYS,
        /** Runs on {@code --approve} or, when the tenant opts in, automatically. */
        AUTOMATIC_OR_APPROVAL,
        /** Runs only on {@code --approve}. */
        APPROVAL,
        /** Runs only when the analyst names it ({@code --approve=enable}); {@code --approve} alone never runs it. */
        NAMED_ONLY,
        /** Not run by this tool: the script in the plan does it (Exchange without admin REST, on-premises AD). */
        SCRIPT,
        /** Refused by the preflight (privileged or break-glass account without {@code --confirm-privileged}). */
        REFUSED
    }
}

package io.aitmdefense.harden.gate;

import java.util.Optional;

/**
 * A policy's result on one sign-in, report-only or enforced folded together: during report-only rings the logs say
 * {@code reportOnlyFailure}, once enforced {@code failure}, and the gate asks the same question of both.
 */
public enum ResultKind {
    SUCCESS, FAILURE, INTERRUPTED, NOT_APPLIED;

    static Optional<ResultKind> of(String result) {
        return switch (result) {
            case "reportOnlySuccess", "success" -> Optional.of(SUCCESS);
            case "reportOnlyFailure", "failure" -> Optional.of(FAILURE);
            case "reportOnlyInterrupted" -> Optional.of(INTERRUPTED);
            case "reportOnlyNotApplied", "notApplied" -> Optional.of(NOT_APPLIED);
            default -> Optional.empty();
        };
    }
}

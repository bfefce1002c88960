package io.aitmdefense.harden.gate;

import java.util.Optional;

/**
 * A policy the gate measures: matched in the sign-in logs by id when known (from the export), else by display name.
 * {@code userAction} policies (security-info or device registration) have no report-only mode, so nothing in the
 * logs can say whether they may advance.
 */
public record GatedPolicy(String displayName, Optional<String> id, String target, boolean userAction) {

    boolean matches(String resultId, String resultName) {
        if (id.isPresent() && !id.get().isBlank() && id.get().equalsIgnoreCase(resultId)) return true;
        return displayName.equalsIgnoreCase(resultName);
    }
}

package io.aitmdefense.posture.assess;

import java.util.Locale;

/** How urgently a finding should be fixed; {@link #HIGH} and above make {@code aitm posture} exit with status 1. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

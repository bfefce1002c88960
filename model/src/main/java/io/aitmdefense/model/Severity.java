package io.aitmdefense.model;

import java.util.Locale;

public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public Severity raise() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}

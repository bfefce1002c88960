package io.aitmdefense.model;

import java.util.Locale;

/**
 * How much an alert or finding matters. {@link #NOTICE} sits between info and low: a standalone signal worth a look
 * (an owner's external forwarding rule, a lone session reuse from a new network) that is never an incident by itself
 * and joins the user's incident when a stronger alert does.
 */
public enum Severity {
    INFO, NOTICE, LOW, MEDIUM, HIGH, CRITICAL;

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

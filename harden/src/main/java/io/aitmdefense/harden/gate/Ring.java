package io.aitmdefense.harden.gate;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.util.Locale;
import java.util.Optional;

/**
 * The rollout rings of a generated policy. Report-only for the pilot group, report-only for everyone, enforced for
 * the pilot group on the clients that support it, enforced for everyone. A ring advances only when the gate, reading
 * the sign-in logs of the ring's population, says so.
 */
public enum Ring {
    PILOT("report-only for the pilot group", "report-only for all users (break-glass excluded)"),
    WIDER("report-only for all users", "On for the pilot group"),
    ENFORCE("On for the pilot group", "On for all users"),
    EXPAND("On for all users", "nothing left to advance: keep watching failures");

    private final String now;
    private final String next;

    Ring(String now, String next) {
        this.now = now;
        this.next = next;
    }

    public String now() {
        return now;
    }

    /** What advancing means from this ring. */
    public String next() {
        return next;
    }

    public Optional<Ring> following() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The ring a deployed policy is in, read from its state and audience: report-only for some users is the pilot,
     * report-only for all users wider, On for some users enforce, On for all users expand; a disabled one is in none.
     */
    public static Optional<Ring> of(ConditionalAccessPolicy deployed) {
        boolean everyone = deployed.conditions().users().includesAllUsers();
        return switch (deployed.state()) {
            case REPORT_ONLY -> Optional.of(everyone ? WIDER : PILOT);
            case ENABLED -> Optional.of(everyone ? EXPAND : ENFORCE);
            case DISABLED -> Optional.empty();
        };
    }

    public static Optional<Ring> parse(String text) {
        for (Ring r : values()) if (r.word().equalsIgnoreCase(text.trim())) return Optional.of(r);
        return Optional.empty();
    }
}

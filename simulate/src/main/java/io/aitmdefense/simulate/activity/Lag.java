package io.aitmdefense.simulate.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * How late each log delivers a record after the activity: sign-ins within minutes, directory audits within a quarter
 * hour, the unified audit log usually within hours and sometimes half a day (log-schemas §1, DESIGN §4.1).
 */
final class Lag {
    private Lag() {
    }

    static Instant signIn(Instant t, SplittableRandom rng) {
        return t.plusMillis(20_000 + rng.nextInt(220_000));
    }

    static Instant audit(Instant t, SplittableRandom rng) {
        return t.plusMillis(60_000 + rng.nextInt(840_000));
    }

    static Instant unifiedAudit(Instant t, SplittableRandom rng) {
        int roll = rng.nextInt(100);
        long minutes = roll < 60 ? 15 + rng.nextInt(60) : roll < 95 ? 60 + rng.nextInt(180) : 240 + rng.nextInt(480);
        return t.plus(Duration.ofMinutes(minutes)).plusMillis(rng.nextInt(60_000));
    }

    static Instant risk(Instant detected, SplittableRandom rng) {
        return detected.plusMillis(120_000 + rng.nextInt(480_000));
    }
}

package io.aitmdefense.simulate.activity;

import java.time.Instant;
import java.util.SplittableRandom;

/** Times of day with the 100 ns resolution of Entra timestamps. */
final class Clock {
    private Clock() {
    }

    /** {@code dayStart} + local hours converted to UTC with the offset, plus a random sub-second part. */
    static Instant local(Instant dayStart, double localHours, int utcOffset, SplittableRandom rng) {
        long seconds = Math.round((localHours - utcOffset) * 3600);
        return dayStart.plusSeconds(Math.max(0, seconds)).plusNanos(rng.nextInt(10_000_000) * 100L);
    }

    static Instant plusMinutes(Instant t, double minutes, SplittableRandom rng) {
        return t.plusMillis(Math.round(minutes * 60_000)).plusNanos(rng.nextInt(10_000) * 100L);
    }
}

package io.aitmdefense.detect.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expiry buckets against what one cleanup timer per slot did: a sweep to a watermark forgets exactly the entries
 * whose expiry now (moved later by updates) is at or before it, never one that has gone, and keeps the others for a
 * later sweep. Seeded random entries with expiries on and around bucket edges, updates, removals and sweeps in small
 * and large steps.
 */
class ExpiryBucketsTest {
    private static final long T0 = 1_700_000_000L;

    /** A slot as the runtime holds it: its expiry only moves later, and it may be gone (cleared or forgotten). */
    private static final class Entry {
        final int id;
        Instant expiry;
        boolean gone;

        Entry(int id, Instant expiry) {
            this.id = id;
            this.expiry = expiry;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void aSweepForgetsExactlyTheEntriesExpiredByItsWatermark(long seed) {
        Random random = new Random(seed);
        ExpiryBuckets<Entry> buckets = new ExpiryBuckets<>();
        List<Entry> model = new ArrayList<>(); // every entry not yet gone: the slots a cleanup timer had not dropped
        Instant watermark = Instant.ofEpochSecond(T0);
        int ids = 0;
        for (int round = 0; round < 300; round++) {
            for (int i = random.nextInt(40); i > 0; i--) {
                Entry e = new Entry(ids++, around(watermark, random));
                buckets.add(e.expiry.getEpochSecond(), e);
                model.add(e);
            }
            for (Entry e : model) {
                int what = random.nextInt(10);
                if (what == 0) e.expiry = later(e.expiry, random);
                else if (what == 1) e.gone = true;
            }
            model.removeIf(e -> e.gone);

            Instant next = random.nextInt(50) == 0 ? watermark : watermark.plusSeconds(random.nextInt(random.nextBoolean() ? 90 : 3_000))
                    .plusNanos(random.nextInt(3));
            Set<Integer> expected = new HashSet<>();
            for (Entry e : model) if (!e.expiry.isAfter(next)) expected.add(e.id);
            Set<Integer> forgotten = sweep(buckets, next);

            assertEquals(expected, forgotten, "round " + round + ", swept to " + next);
            model.removeIf(e -> e.gone);
            assertTrue(model.stream().allMatch(e -> e.expiry.isAfter(next)));
            assertTrue(buckets.size() >= model.size(), "every entry still to expire is held");
            watermark = next;
        }
        Set<Integer> rest = new HashSet<>();
        for (Entry e : model) rest.add(e.id);
        assertEquals(rest, sweep(buckets, Instant.MAX), "the end of time forgets everything left");
        assertEquals(0, buckets.size());
    }

    /** Sweeps to {@code watermark}, marking each forgotten entry gone as the runtime drops its slot. */
    private static Set<Integer> sweep(ExpiryBuckets<Entry> buckets, Instant watermark) {
        Set<Integer> forgotten = new HashSet<>();
        buckets.sweep(watermark, (e, wm) -> {
            if (e.gone) return ExpiryBuckets.Sweeper.GONE;
            if (e.expiry.isAfter(wm)) return e.expiry.getEpochSecond();
            assertTrue(forgotten.add(e.id), "an entry is forgotten once");
            e.gone = true;
            return ExpiryBuckets.Sweeper.EXPIRED;
        });
        return forgotten;
    }

    /** An expiry near the watermark: a little before it (a late update), on a bucket's edge, or up to hours after. */
    private static Instant around(Instant watermark, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> watermark.minusSeconds(random.nextInt(100));
            case 1 -> Instant.ofEpochSecond((watermark.getEpochSecond() / 64 + random.nextInt(3)) * 64 + random.nextInt(3) - 1,
                    random.nextInt(2));
            default -> watermark.plusSeconds(random.nextInt(random.nextBoolean() ? 200 : 20_000)).plusNanos(random.nextInt(3));
        };
    }

    private static Instant later(Instant expiry, Random random) {
        return expiry.plusSeconds(random.nextInt(random.nextBoolean() ? 64 : 5_000)).plusNanos(1 + random.nextInt(2));
    }
}

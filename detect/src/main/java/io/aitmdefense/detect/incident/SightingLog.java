package io.aitmdefense.detect.incident;

import io.aitmdefense.model.incident.Sighting;

import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.codec.StringPool;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects who was seen at which address while events stream past, for the campaign view's "also seen from this
 * infrastructure". Memory grows with distinct user × address × day, never with the number of events: per such
 * triple only the earliest and latest sighting are kept, which is enough to tell whether the user was there within
 * an incident window of a day or more. Safe to feed from several engine threads.
 */
public final class SightingLog {
    private final Map<Key, Range> seen = new ConcurrentHashMap<>();

    /** A user (lower-cased) at an address on a UTC day (epoch day). */
    private record Key(String user, String ip, long day) {
    }

    /**
     * The earliest and latest sighting of one key, as plain fields: at a tenant's scale there are a million of these,
     * and two {@link Sighting} records with their instants would double the memory. Changed only inside the map's
     * {@code compute}, which holds the key's lock.
     */
    private static final class Range {
        long first, last;
        String firstActivity, lastActivity;

        Range(long time, String activity) {
            first = last = time;
            firstActivity = lastActivity = activity;
        }

        void add(long time, String activity) {
            if (time < first) {
                first = time;
                firstActivity = activity;
            }
            if (time > last) {
                last = time;
                lastActivity = activity;
            }
        }
    }

    /** Records the event's user and address if it has both (successful sign-ins and user activity only). */
    public void add(Event event) {
        if (event instanceof SignIn s) {
            if (s.success() && !s.workload()) add(s.user(), s.ip(), s.time(), "sign-in" + (s.appName().isEmpty() ? "" : " to " + s.appName()));
        } else if (event instanceof OfficeActivity a) {
            if (!a.systemActor()) add(a.user(), a.ip(), a.time(), a.operation());
        }
    }

    public void add(String user, String ip, Instant time, String activity) {
        if (user.isBlank() || ip.isBlank()) return;
        // pooled: a month of events names the same few users, addresses and activities over and over
        Key key = new Key(StringPool.of(user.toLowerCase(Locale.ROOT)), StringPool.of(ip.trim()),
                Math.floorDiv(time.getEpochSecond(), 86_400));
        long t = time.toEpochMilli();
        String what = StringPool.of(activity);
        seen.compute(key, (k, range) -> {
            if (range == null) return new Range(t, what);
            range.add(t, what);
            return range;
        });
    }

    /** The kept sightings in time order. */
    public List<Sighting> sightings() {
        List<Sighting> out = new ArrayList<>();
        seen.forEach((k, range) -> {
            out.add(new Sighting(k.user(), k.ip(), Instant.ofEpochMilli(range.first), range.firstActivity));
            if (range.last != range.first) {
                out.add(new Sighting(k.user(), k.ip(), Instant.ofEpochMilli(range.last), range.lastActivity));
            }
        });
        out.sort(Comparator.comparing(Sighting::time).thenComparing(Sighting::user).thenComparing(Sighting::ip));
        return out;
    }
}

package io.aitmdefense.detect.incident;

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
    private final Map<Key, Sighting[]> seen = new ConcurrentHashMap<>();

    /** A user at an address on a UTC day (epoch day). */
    private record Key(String user, String ip, long day) {
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
        Sighting s = new Sighting(StringPool.of(user), StringPool.of(ip.trim()), time, StringPool.of(activity));
        Key key = new Key(StringPool.of(user.toLowerCase(Locale.ROOT)), s.ip(), Math.floorDiv(time.getEpochSecond(), 86_400));
        seen.compute(key, (k, range) -> {
            if (range == null) return new Sighting[] {s, s};
            Sighting first = s.time().isBefore(range[0].time()) ? s : range[0];
            Sighting last = s.time().isAfter(range[1].time()) ? s : range[1];
            return new Sighting[] {first, last};
        });
    }

    /** The kept sightings in time order. */
    public List<Sighting> sightings() {
        List<Sighting> out = new ArrayList<>();
        for (Sighting[] range : seen.values()) {
            out.add(range[0]);
            if (range[1] != range[0]) out.add(range[1]);
        }
        out.sort(Comparator.comparing(Sighting::time).thenComparing(Sighting::user).thenComparing(Sighting::ip));
        return out;
    }
}

package io.aitmdefense.detect.incident;

import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private final Map<String, Sighting[]> seen = new ConcurrentHashMap<>();

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
        Sighting s = new Sighting(user, ip.trim(), time, activity);
        String key = user.toLowerCase(Locale.ROOT) + "|" + s.ip() + "|" + time.truncatedTo(ChronoUnit.DAYS);
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

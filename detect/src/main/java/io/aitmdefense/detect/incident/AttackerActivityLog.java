package io.aitmdefense.detect.incident;

import io.aitmdefense.detect.api.Evidence;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps, while events stream past, a per user, address and operation tally of mailbox, file and directory activity,
 * so that an incident can show what its user's account did from the attacker's addresses once those are known.
 * Memory grows with distinct user × address × operation, never with the number of events. Thread-safe.
 */
public final class AttackerActivityLog {
    /** "user|address" → operation → tally: an incident looks up its user's addresses directly. */
    private final Map<String, Map<String, AttackerActivity>> tally = new ConcurrentHashMap<>();

    public void add(Event event) {
        if (event instanceof OfficeActivity a) {
            if (!a.systemActor()) add(a.user(), a.ip(), a.operation(), event);
        } else if (event instanceof DirectoryAudit d) {
            add(d.user(), d.actor().ip(), d.operation(), event);
        }
    }

    private void add(String user, String ip, String operation, Event e) {
        if (user.isBlank() || ip.isBlank() || operation.isBlank()) return;
        tally.computeIfAbsent(user.toLowerCase(Locale.ROOT) + '|' + ip, k -> new ConcurrentHashMap<>(4))
                .merge(operation, new AttackerActivity(operation, ip, 1, e.time(), e.time(), Evidence.of(e, operation + " from " + ip)),
                        AttackerActivityLog::combine);
    }

    private static AttackerActivity combine(AttackerActivity a, AttackerActivity b) {
        AttackerActivity earlier = b.first().isBefore(a.first()) ? b : a;
        Instant last = b.last().isAfter(a.last()) ? b.last() : a.last();
        return new AttackerActivity(a.operation(), a.ip(), a.count() + b.count(), earlier.first(), last, earlier.evidence());
    }

    /**
     * The user's activity from the incident's attacker addresses that began between an hour before the incident
     * and {@code after} past its end, in time order.
     */
    public List<AttackerActivity> of(Incident incident, Duration after) {
        Instant from = incident.start().minus(Duration.ofHours(1)), to = incident.end().plus(after);
        String user = incident.user().toLowerCase(Locale.ROOT);
        List<AttackerActivity> out = new ArrayList<>();
        for (AttackerAddress address : incident.infrastructure().addresses()) {
            for (AttackerActivity activity : tally.getOrDefault(user + '|' + address.ip(), Map.of()).values()) {
                if (!activity.first().isBefore(from) && !activity.first().isAfter(to)) out.add(activity);
            }
        }
        out.sort(Comparator.comparing(AttackerActivity::first).thenComparing(AttackerActivity::operation));
        return out;
    }
}

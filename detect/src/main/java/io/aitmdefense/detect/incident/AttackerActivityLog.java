package io.aitmdefense.detect.incident;

import io.aitmdefense.model.incident.AttackerActivity;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.Incident;

import io.aitmdefense.model.Evidence;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.codec.StringPool;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** (user, address) → operation → tally: an incident looks up its user's addresses directly. */
    private final Map<UserAt, AttackerActivity[]> tally = new ConcurrentHashMap<>();

    private static final AttackerActivity[] NONE = {};

    private record UserAt(String user, String ip) {
        static UserAt of(String user, String ip) {
            // pooled: the same few users and addresses recur in every row
            return new UserAt(StringPool.of(user.toLowerCase(Locale.ROOT)), StringPool.of(ip));
        }
    }

    public void add(Event event) {
        if (event instanceof OfficeActivity a) {
            if (!a.systemActor()) add(a.user(), a.ip(), a.operation(), event);
        } else if (event instanceof DirectoryAudit d) {
            add(d.user(), d.actor().ip(), d.operation(), event);
        }
    }

    private void add(String user, String ip, String operation, Event e) {
        if (user.isBlank() || ip.isBlank() || operation.isBlank()) return;
        // a user does a handful of operations from one address: a small array, replaced whole, beats a map per key
        tally.compute(UserAt.of(user, ip), (key, ops) -> {
            int i = 0;
            while (ops != null && i < ops.length && !ops[i].operation().equals(operation)) i++;
            if (ops != null && i < ops.length) {
                AttackerActivity[] next = ops.clone();
                next[i] = combine(ops[i], operation, e);
                return next;
            }
            AttackerActivity[] next = ops == null ? new AttackerActivity[1] : Arrays.copyOf(ops, ops.length + 1);
            String op = StringPool.of(operation);
            next[i] = new AttackerActivity(op, key.ip(), 1, e.time(), e.time(), Evidence.of(e, op + " from " + key.ip()));
            return next;
        });
    }

    /** The tally with one more event; its evidence stays the earliest event's. */
    private static AttackerActivity combine(AttackerActivity a, String operation, Event e) {
        boolean earlier = e.time().isBefore(a.first());
        return new AttackerActivity(a.operation(), a.ip(), a.count() + 1, earlier ? e.time() : a.first(),
                e.time().isAfter(a.last()) ? e.time() : a.last(),
                earlier ? Evidence.of(e, operation + " from " + a.ip()) : a.evidence());
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
            for (AttackerActivity activity : tally.getOrDefault(new UserAt(user, address.ip()), NONE)) {
                if (!activity.first().isBefore(from) && !activity.first().isAfter(to)) out.add(activity);
            }
        }
        out.sort(Comparator.comparing(AttackerActivity::first).thenComparing(AttackerActivity::operation));
        return out;
    }
}

package io.aitmdefense.detect.incident;

import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.codec.EventCodec;
import io.aitmdefense.events.codec.StringPool;
import io.aitmdefense.model.AlertCodec;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.incident.AttackerActivity;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.Sighting;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who was at which address and what each account did from it, learnt while events stream past, for the campaign
 * view ("also seen from this infrastructure") and an incident's "activity from attacker addresses".
 * <p>
 * An address becomes an attacker's only when an alert names it, which is after the events that matter: so every
 * (address, user) seen within {@code retention} of event time is kept ("recent"), and once an address is
 * {@link #watch watched} its entries are kept for the run and every later event at it goes straight there. Recent
 * entries older than the retention behind the engine's processed watermark are dropped: memory follows the active
 * users and addresses of that span, never the input size, and no second pass over the events is needed.
 * <p>
 * Per (address, user) it keeps the first and last sighting of each UTC day (enough to tell whether the user was there
 * within an incident window) and a tally per operation. Not thread-safe: the {@link IncidentTracker} guards it.
 */
final class AttackerAddressWatch {
    private final Duration retention;
    private final Map<String, Place> recent = new HashMap<>();
    private final Map<String, Place> watched = new HashMap<>();
    private Instant lastSweep = Instant.MIN;

    /** One address: where the sign-in logs put it, and each user seen there. */
    private static final class Place {
        String country = "";
        final Map<String, Presence> users = new HashMap<>(4);
        long last = Long.MIN_VALUE;
    }

    /** One user at one address: sightings per day, and what the account did. */
    private static final class Presence {
        final Map<Long, long[]> days = new HashMap<>(2);            // epoch day → {first ms, last ms}
        final Map<Long, String[]> dayActivities = new HashMap<>(2); // epoch day → {first activity, last activity}
        final List<AttackerActivity> operations = new ArrayList<>(2);
    }

    AttackerAddressWatch(Duration retention) {
        this.retention = retention;
    }

    /**
     * Notes the event's user at its address. Returns true when the address is watched and this user was not yet seen
     * there: the campaign view may have changed.
     */
    boolean add(Event event) {
        String ip = address(event).trim(), user = event.user();
        if (ip.isEmpty() || user.isEmpty()) return false;
        String sighting = sighting(event), operation = operation(event);
        String country = event instanceof SignIn s ? s.geo().country() : "";
        if (sighting == null && operation == null && country.isEmpty()) return false;
        boolean isWatched = watched.containsKey(ip);
        Place place = (isWatched ? watched : recent).computeIfAbsent(StringPool.of(ip), k -> new Place());
        if (place.country.isEmpty() && !country.isEmpty()) place.country = StringPool.of(country);
        long t = event.time().toEpochMilli();
        place.last = Math.max(place.last, t);
        if (sighting == null && operation == null) return false;
        String key = StringPool.of(user.toLowerCase(Locale.ROOT));
        boolean newUser = !place.users.containsKey(key);
        Presence p = place.users.computeIfAbsent(key, k -> new Presence());
        if (sighting != null) sight(p, t, StringPool.of(sighting));
        if (operation != null) tally(p, ip, operation, event);
        return isWatched && newUser && sighting != null;
    }

    /** A sighting known from elsewhere (a batch handed in with its alerts): kept as if watched. */
    void addSighting(Sighting s) {
        String ip = s.ip().trim();
        if (ip.isEmpty() || s.user().isBlank()) return;
        Place place = watched.computeIfAbsent(ip, k -> {
            Place earlier = recent.remove(k);
            return earlier == null ? new Place() : earlier;
        });
        sight(place.users.computeIfAbsent(s.user().toLowerCase(Locale.ROOT), k -> new Presence()),
                s.time().toEpochMilli(), s.activity());
    }

    /** From now on keeps everything at {@code ip} for the run, including what was seen there recently. */
    void watch(String ip) {
        String a = ip.trim();
        if (a.isEmpty() || watched.containsKey(a)) return;
        Place earlier = recent.remove(a);
        watched.put(a, earlier == null ? new Place() : earlier);
    }

    /** Drops recent entries last seen more than the retention before {@code processed}; at most once an hour of event time. */
    void expire(Instant processed) {
        if (processed.equals(Instant.MIN) || processed.equals(Instant.MAX)) return;
        if (!lastSweep.equals(Instant.MIN) && processed.isBefore(lastSweep.plusSeconds(3600))) return;
        lastSweep = processed;
        long horizon = processed.minus(retention).toEpochMilli();
        for (Iterator<Place> it = recent.values().iterator(); it.hasNext(); ) if (it.next().last < horizon) it.remove();
    }

    Duration retention() {
        return retention;
    }

    /** The country the sign-in logs placed {@code ip} in, or "". */
    String country(String ip) {
        Place p = watched.get(ip.trim());
        if (p == null) p = recent.get(ip.trim());
        return p == null ? "" : p.country;
    }

    /** Every sighting at a watched address, in time order: the first and last of each user and day. */
    List<Sighting> sightings() {
        List<Sighting> out = new ArrayList<>();
        watched.forEach((ip, place) -> place.users.forEach((user, p) -> p.days.forEach((day, range) -> {
            String[] what = p.dayActivities.get(day);
            out.add(new Sighting(user, ip, Instant.ofEpochMilli(range[0]), what[0]));
            if (range[1] != range[0]) out.add(new Sighting(user, ip, Instant.ofEpochMilli(range[1]), what[1]));
        })));
        out.sort(Comparator.comparing(Sighting::time).thenComparing(Sighting::user).thenComparing(Sighting::ip));
        return out;
    }

    /**
     * The incident's user's activity from its attacker addresses that began between an hour before the incident and
     * {@code after} past its end, in time order.
     */
    List<AttackerActivity> activityOf(Incident incident, Duration after) {
        Instant from = incident.start().minus(Duration.ofHours(1)), to = incident.end().plus(after);
        String user = incident.user().toLowerCase(Locale.ROOT);
        List<AttackerActivity> out = new ArrayList<>();
        for (AttackerAddress address : incident.infrastructure().addresses()) {
            Place place = watched.get(address.ip());
            Presence p = place == null ? null : place.users.get(user);
            if (p == null) continue;
            for (AttackerActivity a : p.operations) if (!a.first().isBefore(from) && !a.first().isAfter(to)) out.add(a);
        }
        out.sort(Comparator.comparing(AttackerActivity::first).thenComparing(AttackerActivity::operation));
        return out;
    }

    /** Addresses held: watched for the run, and recent. */
    int addresses() {
        return watched.size() + recent.size();
    }

    /** Everything held, for a checkpoint of the tracker; {@link #read} gives it back. */
    void write(DataOutput out) throws IOException {
        AlertCodec.writeTime(lastSweep, out);
        writePlaces(recent, out);
        writePlaces(watched, out);
    }

    static AttackerAddressWatch read(DataInput in, Duration retention) throws IOException {
        AttackerAddressWatch w = new AttackerAddressWatch(retention);
        w.lastSweep = AlertCodec.readTime(in);
        readPlaces(in, w.recent);
        readPlaces(in, w.watched);
        return w;
    }

    private static void writePlaces(Map<String, Place> places, DataOutput out) throws IOException {
        out.writeInt(places.size());
        for (Map.Entry<String, Place> e : places.entrySet()) {
            Place place = e.getValue();
            EventCodec.writeString(e.getKey(), out);
            EventCodec.writeString(place.country, out);
            out.writeLong(place.last);
            out.writeInt(place.users.size());
            for (Map.Entry<String, Presence> u : place.users.entrySet()) {
                Presence p = u.getValue();
                EventCodec.writeString(u.getKey(), out);
                out.writeInt(p.days.size());
                for (Map.Entry<Long, long[]> d : p.days.entrySet()) {
                    String[] what = p.dayActivities.get(d.getKey());
                    out.writeLong(d.getKey());
                    out.writeLong(d.getValue()[0]);
                    out.writeLong(d.getValue()[1]);
                    EventCodec.writeString(what[0], out);
                    EventCodec.writeString(what[1], out);
                }
                out.writeInt(p.operations.size());
                for (AttackerActivity a : p.operations) {
                    EventCodec.writeString(a.operation(), out);
                    EventCodec.writeString(a.ip(), out);
                    out.writeLong(a.count());
                    AlertCodec.writeTime(a.first(), out);
                    AlertCodec.writeTime(a.last(), out);
                    AlertCodec.writeEvidence(a.evidence(), out);
                }
            }
        }
    }

    private static void readPlaces(DataInput in, Map<String, Place> places) throws IOException {
        for (int n = in.readInt(); n > 0; n--) {
            Place place = new Place();
            String ip = StringPool.of(EventCodec.readString(in));
            place.country = StringPool.of(EventCodec.readString(in));
            place.last = in.readLong();
            for (int u = in.readInt(); u > 0; u--) {
                String user = StringPool.of(EventCodec.readString(in));
                Presence p = new Presence();
                for (int d = in.readInt(); d > 0; d--) {
                    long day = in.readLong();
                    p.days.put(day, new long[]{in.readLong(), in.readLong()});
                    p.dayActivities.put(day, new String[]{EventCodec.readString(in), EventCodec.readString(in)});
                }
                for (int o = in.readInt(); o > 0; o--) {
                    p.operations.add(new AttackerActivity(EventCodec.readString(in), EventCodec.readString(in), in.readLong(),
                            AlertCodec.readTime(in), AlertCodec.readTime(in), AlertCodec.readEvidence(in)));
                }
                place.users.put(user, p);
            }
            places.put(ip, place);
        }
    }

    private static void sight(Presence p, long t, String activity) {
        long day = Math.floorDiv(t, 86_400_000L);
        long[] range = p.days.get(day);
        if (range == null) {
            p.days.put(day, new long[]{t, t});
            p.dayActivities.put(day, new String[]{activity, activity});
            return;
        }
        String[] what = p.dayActivities.get(day);
        if (t < range[0]) {
            range[0] = t;
            what[0] = activity;
        }
        if (t > range[1]) {
            range[1] = t;
            what[1] = activity;
        }
    }

    /** One more event of an operation; the tally's evidence stays its earliest event. */
    private static void tally(Presence p, String ip, String operation, Event e) {
        for (int i = 0; i < p.operations.size(); i++) {
            AttackerActivity a = p.operations.get(i);
            if (!a.operation().equals(operation)) continue;
            boolean earlier = e.time().isBefore(a.first());
            p.operations.set(i, new AttackerActivity(a.operation(), a.ip(), a.count() + 1, earlier ? e.time() : a.first(),
                    e.time().isAfter(a.last()) ? e.time() : a.last(),
                    earlier ? Evidence.of(e, operation + " from " + a.ip()) : a.evidence()));
            return;
        }
        String op = StringPool.of(operation);
        p.operations.add(new AttackerActivity(op, ip, 1, e.time(), e.time(), Evidence.of(e, op + " from " + ip)));
    }

    /** What a sighting says the user did (successful sign-ins and user activity), or null when it is not one. */
    private static String sighting(Event event) {
        if (event instanceof SignIn s) {
            return s.success() && !s.workload() ? "sign-in" + (s.appName().isEmpty() ? "" : " to " + s.appName()) : null;
        }
        if (event instanceof OfficeActivity a) return a.systemActor() ? null : a.operation();
        return null;
    }

    /** The operation an activity tally counts (mailbox, file and directory operations), or null. */
    private static String operation(Event event) {
        if (event instanceof OfficeActivity a) return a.systemActor() || a.operation().isBlank() ? null : a.operation();
        if (event instanceof DirectoryAudit d) return d.operation().isBlank() ? null : d.operation();
        return null;
    }

    /** The address an event came from. */
    private static String address(Event e) {
        if (e instanceof SignIn s) return s.ip();
        if (e instanceof OfficeActivity o) return o.ip();
        if (e instanceof DirectoryAudit d) return d.actor().ip();
        return "";
    }
}

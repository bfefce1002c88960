package io.aitmdefense.detect.incident;

import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.codec.EventCodec;
import io.aitmdefense.events.codec.StringPool;
import io.aitmdefense.model.AlertCodec;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.incident.AttackerActivity;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.Sighting;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

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
    /** Beyond this many app names, "sign-in to …" is built per sighting instead of remembered. */
    private static final int MAX_SIGN_IN_ACTIVITIES = 4096;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final Duration retention;
    private final Map<String, Place> recent = new HashMap<>();
    private final Map<String, Place> watched = new HashMap<>();
    /** App name → "sign-in to " + app name: one string per app, not one concatenation per sign-in. */
    private final Map<String, String> signInActivities = new HashMap<>();
    private Instant lastSweep = Instant.MIN;

    /**
     * One address: where the sign-in logs put it, and each user seen there. Most addresses see one or two users, so
     * their presences are a short chain hanging off the place; a map only for shared egress (a proxy, a VDI pool) that
     * sees many. Hundreds of thousands of places are kept at a time: a key array and a presence array per place cost
     * more than the place itself.
     */
    private static final class Place {
        private static final int FEW = 4;
        String country = "";
        long last = Long.MIN_VALUE;
        /** The first user's presence; each links to the next, at most {@link #FEW}; null once {@link #many} holds them. */
        private Presence first;
        private Map<String, Presence> many;

        Presence get(String user) {
            if (many != null) return many.get(user);
            for (Presence p = first; p != null; p = p.next) if (p.user.equals(user)) return p;
            return null;
        }

        /** Adds the presence of a user not yet here. */
        void put(Presence p) {
            if (many != null) {
                many.put(p.user, p);
                return;
            }
            if (first == null) {
                first = p;
                return;
            }
            int size = 1;
            Presence tail = first;
            for (; tail.next != null; tail = tail.next) size++;
            if (size < FEW) {
                tail.next = p;
                return;
            }
            many = new HashMap<>(FEW * 4);
            for (Presence q = first, next; q != null; q = next) {
                next = q.next;
                q.next = null;
                many.put(q.user, q);
            }
            many.put(p.user, p);
            first = null;
        }

        int users() {
            if (many != null) return many.size();
            int size = 0;
            for (Presence p = first; p != null; p = p.next) size++;
            return size;
        }

        void forEach(BiConsumer<String, Presence> action) {
            if (many != null) {
                many.forEach(action);
            } else {
                for (Presence p = first; p != null; p = p.next) action.accept(p.user, p);
            }
        }
    }

    /**
     * One user at one address: per UTC day its first and last sighting, and a tally per operation. Days and tallies
     * are a handful each, held in flat arrays: this is kept for every (address, user) of the retention span.
     */
    private static final class Presence {
        private static final long[] NO_DAYS = new long[0];
        private static final String[] NO_ACTIVITIES = new String[0];
        private static final Tally[] NO_TALLIES = new Tally[0];
        /** Per day two longs: the first and the last sighting (epoch ms); the day is the first one's. */
        long[] days = NO_DAYS;
        /** Per day two: the first and the last activity. */
        String[] activities = NO_ACTIVITIES;
        Tally[] operations = NO_TALLIES;
        final String user;
        /** The next user's presence at the same place (see {@link Place}). */
        Presence next;

        Presence(String user) {
            this.user = user;
        }

        int dayCount() {
            return days.length / 2;
        }
    }

    /**
     * An operation's count and time span at one address, with its earliest event as the evidence's record. The times
     * are kept to the nanosecond as logged, in fields rather than as two {@link Instant}s: a tally outlives its events.
     */
    private static final class Tally {
        final String operation;
        long count;
        private long firstSecond, lastSecond;
        private int firstNano, lastNano;
        RecordRef record;
        EventKind kind;

        Tally(String operation, long count, Instant first, Instant last, RecordRef record, EventKind kind) {
            this.operation = operation;
            this.count = count;
            setFirst(first);
            setLast(last);
            this.record = record;
            this.kind = kind;
        }

        Instant first() {
            return Instant.ofEpochSecond(firstSecond, firstNano);
        }

        Instant last() {
            return Instant.ofEpochSecond(lastSecond, lastNano);
        }

        void setFirst(Instant t) {
            firstSecond = t.getEpochSecond();
            firstNano = t.getNano();
        }

        void setLast(Instant t) {
            lastSecond = t.getEpochSecond();
            lastNano = t.getNano();
        }

        boolean beforeFirst(Instant t) {
            return t.getEpochSecond() < firstSecond || t.getEpochSecond() == firstSecond && t.getNano() < firstNano;
        }

        boolean afterLast(Instant t) {
            return t.getEpochSecond() > lastSecond || t.getEpochSecond() == lastSecond && t.getNano() > lastNano;
        }

        /** The summary is rebuilt, not kept: it is always the operation and the address. */
        AttackerActivity activity(String ip) {
            Instant first = first();
            return new AttackerActivity(operation, ip, count, first, last(),
                    new Evidence(record, kind, first, operation + " from " + ip));
        }
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
        Place place = watched.get(ip);
        boolean isWatched = place != null;
        if (place == null) place = recent.get(ip);
        if (place == null) recent.put(StringPool.of(ip), place = new Place());
        if (place.country.isEmpty() && !country.isEmpty()) place.country = StringPool.of(country);
        long t = event.time().toEpochMilli();
        place.last = Math.max(place.last, t);
        if (sighting == null && operation == null) return false;
        String key = user.toLowerCase(Locale.ROOT);
        Presence p = place.get(key);
        boolean newUser = p == null;
        if (newUser) place.put(p = new Presence(StringPool.of(key)));
        if (sighting != null) sight(p, t, sighting);
        if (operation != null) tally(p, operation, event);
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
        String key = s.user().toLowerCase(Locale.ROOT);
        Presence p = place.get(key);
        if (p == null) place.put(p = new Presence(key));
        sight(p, s.time().toEpochMilli(), s.activity());
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
        watched.forEach((ip, place) -> place.forEach((user, p) -> {
            for (int d = 0; d < p.dayCount(); d++) {
                long first = p.days[2 * d], last = p.days[2 * d + 1];
                out.add(new Sighting(user, ip, Instant.ofEpochMilli(first), p.activities[2 * d]));
                if (last != first) out.add(new Sighting(user, ip, Instant.ofEpochMilli(last), p.activities[2 * d + 1]));
            }
        }));
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
            Presence p = place == null ? null : place.get(user);
            if (p == null) continue;
            for (Tally a : p.operations) {
                Instant first = a.first();
                if (!first.isBefore(from) && !first.isAfter(to)) out.add(a.activity(address.ip()));
            }
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
            String ip = e.getKey();
            EventCodec.writeString(ip, out);
            EventCodec.writeString(place.country, out);
            out.writeLong(place.last);
            out.writeInt(place.users());
            try {
                place.forEach((user, p) -> {
                    try {
                        writePresence(ip, user, p, out);
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                });
            } catch (UncheckedIOException x) {
                throw x.getCause();
            }
        }
    }

    private static void writePresence(String ip, String user, Presence p, DataOutput out) throws IOException {
        EventCodec.writeString(user, out);
        out.writeInt(p.dayCount());
        for (int d = 0; d < p.dayCount(); d++) {
            out.writeLong(Math.floorDiv(p.days[2 * d], DAY));
            out.writeLong(p.days[2 * d]);
            out.writeLong(p.days[2 * d + 1]);
            EventCodec.writeString(p.activities[2 * d], out);
            EventCodec.writeString(p.activities[2 * d + 1], out);
        }
        out.writeInt(p.operations.length);
        for (Tally t : p.operations) {
            AttackerActivity a = t.activity(ip);
            EventCodec.writeString(a.operation(), out);
            EventCodec.writeString(a.ip(), out);
            out.writeLong(a.count());
            AlertCodec.writeTime(a.first(), out);
            AlertCodec.writeTime(a.last(), out);
            AlertCodec.writeEvidence(a.evidence(), out);
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
                Presence p = new Presence(user);
                int days = in.readInt();
                p.days = new long[2 * days];
                p.activities = new String[2 * days];
                for (int d = 0; d < days; d++) {
                    in.readLong(); // the day, the first sighting's
                    p.days[2 * d] = in.readLong();
                    p.days[2 * d + 1] = in.readLong();
                    p.activities[2 * d] = EventCodec.readString(in);
                    p.activities[2 * d + 1] = EventCodec.readString(in);
                }
                p.operations = new Tally[in.readInt()];
                for (int o = 0; o < p.operations.length; o++) {
                    String operation = EventCodec.readString(in);
                    EventCodec.readString(in); // the address: the place's own
                    long count = in.readLong();
                    Instant first = AlertCodec.readTime(in), last = AlertCodec.readTime(in);
                    Evidence ev = AlertCodec.readEvidence(in);
                    p.operations[o] = new Tally(operation, count, first, last, ev.record(), ev.kind());
                }
                place.put(p);
            }
            places.put(ip, place);
        }
    }

    private static void sight(Presence p, long t, String activity) {
        long day = Math.floorDiv(t, DAY);
        long[] days = p.days;
        for (int d = days.length - 2; d >= 0; d -= 2) {
            if (Math.floorDiv(days[d], DAY) != day) continue;
            if (t < days[d]) {
                days[d] = t;
                p.activities[d] = activity;
            }
            if (t > days[d + 1]) {
                days[d + 1] = t;
                p.activities[d + 1] = activity;
            }
            return;
        }
        int n = days.length;
        p.days = Arrays.copyOf(days, n + 2);
        p.days[n] = t;
        p.days[n + 1] = t;
        p.activities = Arrays.copyOf(p.activities, p.activities.length + 2);
        p.activities[p.activities.length - 2] = activity;
        p.activities[p.activities.length - 1] = activity;
    }

    /** One more event of an operation; the tally's evidence stays its earliest event. */
    private static void tally(Presence p, String operation, Event e) {
        Instant t = e.time();
        for (Tally a : p.operations) {
            if (!a.operation.equals(operation)) continue;
            a.count++;
            if (a.beforeFirst(t)) {
                a.setFirst(t);
                a.record = RecordRef.of(e);
                a.kind = e.kind();
            }
            if (a.afterLast(t)) a.setLast(t);
            return;
        }
        p.operations = Arrays.copyOf(p.operations, p.operations.length + 1);
        p.operations[p.operations.length - 1] = new Tally(StringPool.of(operation), 1, t, t, RecordRef.of(e), e.kind());
    }

    /** What a sighting says the user did (successful sign-ins and user activity), or null when it is not one. */
    private String sighting(Event event) {
        if (event instanceof SignIn s) {
            if (!s.success() || s.workload()) return null;
            String app = s.appName();
            if (app.isEmpty()) return "sign-in";
            String known = signInActivities.get(app);
            if (known != null) return known;
            String activity = StringPool.of("sign-in to " + app);
            if (signInActivities.size() < MAX_SIGN_IN_ACTIVITIES) signInActivities.put(app, activity);
            return activity;
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

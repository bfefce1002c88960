package io.aitmdefense.detect.engine;

import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SecurityAlert;
import io.aitmdefense.events.SignIn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which user a record is about, as the key the engine groups by: the tenant and the user. Sign-ins, risk detections and
 * directory audits carry the user's object id and UPN; unified audit log records carry only the UPN; Graph activity
 * only the object id. One user must never be split over two keys — that would cut a sign-in off from the persistence
 * it led to — and the key must not depend on the order records arrive in. So the key is the lower-cased UPN whenever
 * the record has one (every record type but Graph activity does), and the object id only for a record without a UPN:
 * then the UPN the tenant's other records tie to that object id, once one has been seen, else the object id itself.
 * <p>
 * A batch run learns every pair while the files are read, before any record is keyed, so even the keys of
 * object-id-only records do not depend on record order. A live stream learns them as records arrive (and keeps them
 * in the engine's snapshot). The same user name in another tenant is another key. The object id of a key stays
 * available ({@link #objectIdOf}) for actions that need it.
 * <p>
 * Thread-safe: readers learn while shards read display names.
 */
public final class UserDirectory {
    /** Set once every record still to come has been learned: {@link #learn} then has nothing to read or write. */
    private volatile boolean complete;

    /** Who a record names: tenant id (or ""), lower-cased UPN (or ""), lower-cased object id (or ""). */
    public record Identity(String tenant, String upn, String objectId) {
        static final Identity NONE = new Identity("", "", "");

        public boolean isEmpty() {
            return upn.isEmpty() && objectId.isEmpty();
        }
    }

    /**
     * A pair learned from a record, with the time of the latest record naming it: renames resolve to the newest. The
     * time only grows, in place: each of a user's records names the same pair again with a later time, and replacing
     * the pair for each took the map's lock and a new object on every record.
     */
    private static final class Pair {
        private static final java.util.concurrent.atomic.AtomicLongFieldUpdater<Pair> TIME =
                java.util.concurrent.atomic.AtomicLongFieldUpdater.newUpdater(Pair.class, "time");
        final String value;
        private volatile long time;

        Pair(String value, long time) {
            this.value = value;
            this.time = time;
        }

        String value() {
            return value;
        }

        long time() {
            return time;
        }

        /** Of two pairs, the one naming the later time (the smaller value at equal times): any order gives the same. */
        Pair newer(Pair o) {
            long t = time, ot = o.time;
            if (ot != t) return ot > t ? o : this;
            return o.value.compareTo(value) < 0 ? o : this;
        }

        void raise(long t) {
            for (long now = time; t > now && !TIME.compareAndSet(this, now, t); now = time) {
                // another reader raised it meanwhile: try again against the newer time
            }
        }
    }

    /** A user name or object id seen in more than one tenant: a record naming no tenant cannot be placed by it. */
    private static final String SEVERAL = "\u0000several";

    /**
     * upn → tenant and object id → tenant, from records that name their tenant. Some logs name none (Log Analytics'
     * AADUserRiskEvents carries only the workspace id): such a record belongs to the one tenant its user is known in,
     * or the user's risk detections would form a key of their own, cut off from the sign-ins they concern.
     */
    private final ConcurrentHashMap<String, String> tenantOfUser = new ConcurrentHashMap<>();
    /** (tenant, upn) → object id, and (tenant, object id) → upn. */
    private final ConcurrentHashMap<Scoped, Pair> objectIdOfUpn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Scoped, Pair> upnOfObjectId = new ConcurrentHashMap<>();
    /**
     * Every key handed out, one instance per user: the engine looks each event's key up in its maps, and a shared
     * instance hashes once and compares by identity, where a fresh concatenation per event did neither.
     */
    private final ConcurrentHashMap<Scoped, Handle> keys = new ConcurrentHashMap<>();
    /**
     * The same handles by key, filled as keys are first handed out: a snapshot names keys by their text, and two scoped
     * ids that spell the same key (no tenant and a '/' in the id) share one handle, as they share the key.
     */
    private final ConcurrentHashMap<String, Handle> handles = new ConcurrentHashMap<>();
    /** The number the next key handed out gets. */
    private final java.util.concurrent.atomic.AtomicInteger numbers = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A key handed out, with a number of its own, dense from 0 in the order keys were first handed out: a shard finds
     * the user's state at that index of an array instead of hashing the key into a map for every event. One handle per
     * key. The number is this directory's, not the snapshot's: a restored engine numbers its keys afresh.
     */
    record Handle(String key, int number) {
        /** For a record that names no user. */
        static final Handle NONE = new Handle("", -1);
    }

    /** An id within a tenant ("" for logs that name none). */
    private record Scoped(String tenant, String id) {
        // written out: looked up for every event, and the record's generated methods cost several times more
        @Override
        public boolean equals(Object o) {
            return o instanceof Scoped k && k.id.equals(id) && k.tenant.equals(tenant);
        }

        @Override
        public int hashCode() {
            return 31 * tenant.hashCode() + id.hashCode();
        }

        /** As written in a snapshot. */
        String flat() {
            return tenant + '/' + id;
        }

        static Scoped parse(String flat) {
            int slash = flat.indexOf('/');
            return new Scoped(flat.substring(0, slash), flat.substring(slash + 1));
        }
    }

    /** Who the record is about: the user {@link Event#user()} names, split into UPN and object id. */
    public static Identity identity(Event e) {
        String upn, id;
        if (e instanceof SignIn s) {
            upn = s.userPrincipalName();
            id = s.userId();
        } else if (e instanceof RiskDetection r) {
            upn = r.userPrincipalName();
            id = r.userId();
        } else if (e instanceof SecurityAlert a) {
            upn = a.userPrincipalName();
            id = a.userId();
        } else if (e instanceof OfficeActivity o) {
            upn = o.userId();
            id = "";
        } else if (e instanceof DirectoryAudit d) {
            if (d.actor().isUser()) {
                upn = d.actor().userPrincipalName();
                id = d.actor().userId();
            } else {
                DirectoryAudit.Target user = d.targets().stream().filter(t -> t.type().equalsIgnoreCase("User")).findFirst().orElse(null);
                if (user == null) return Identity.NONE;
                upn = user.userPrincipalName();
                id = user.id();
            }
        } else {
            return Identity.NONE;
        }
        // as Users.key: a "UPN" without '@' (a SID, a system actor, a bare id) is an identifier, not a name
        if (upn.indexOf('@') <= 0) {
            if (id.isEmpty()) id = upn;
            upn = "";
        }
        return new Identity(e.tenantId().toLowerCase(Locale.ROOT), upn.toLowerCase(Locale.ROOT), id.toLowerCase(Locale.ROOT));
    }

    /** Remembers the UPN ↔ object id pair a record carries, if it carries both, and the tenant its user is in. */
    public void learn(Event e) {
        learn(identity(e), e.time().toEpochMilli());
    }

    /**
     * As {@link #learn(Event)} for a record's identity and time. What is already known is only read, not written: a
     * batch run replays into the engine every record its readers already taught this directory.
     */
    public void learn(Identity who, long timeMillis) {
        if (complete) return;
        if (!who.tenant().isEmpty()) {
            if (!who.upn().isEmpty()) learnTenant(who.upn(), who.tenant());
            if (!who.objectId().isEmpty()) learnTenant(who.objectId(), who.tenant());
        }
        if (who.upn().isEmpty() || who.objectId().isEmpty()) return;
        learnPair(objectIdOfUpn, new Scoped(who.tenant(), who.upn()), who.objectId(), timeMillis);
        learnPair(upnOfObjectId, new Scoped(who.tenant(), who.objectId()), who.upn(), timeMillis);
    }

    private void learnTenant(String user, String tenant) {
        String known = tenantOfUser.get(user);
        if (known == null || !known.equals(tenant) && !known.equals(SEVERAL)) {
            tenantOfUser.merge(user, tenant, UserDirectory::sameOrSeveral);
        }
    }

    private static void learnPair(ConcurrentHashMap<Scoped, Pair> map, Scoped key, String value, long time) {
        Pair known = map.get(key);
        if (known != null && known.value.equals(value)) {
            known.raise(time);
            // still the pair in the map: a rename merging now reads the raised time; else merge as below
            if (map.get(key) == known) return;
        }
        map.merge(key, new Pair(value, time), Pair::newer);
    }

    /**
     * Declares that every record still to come has already been learned — a batch replays into the engine exactly the
     * records its readers taught this directory — so {@link #learn} does nothing from now on instead of looking up,
     * for every record, four pairs it already holds.
     */
    public void complete() {
        complete = true;
    }

    /** The engine's key for the record's user: "" when it names none. */
    public String keyOf(Event e) {
        return keyOf(resolve(identity(e)));
    }

    /** The identity with its tenant filled in when the record names none and its user is known in exactly one tenant. */
    public Identity resolve(Identity who) {
        if (!who.tenant().isEmpty() || who.isEmpty()) return who;
        String t = tenantOfUser.get(who.upn().isEmpty() ? who.objectId() : who.upn());
        return t == null || t.equals(SEVERAL) ? who : new Identity(t, who.upn(), who.objectId());
    }

    private static String sameOrSeveral(String a, String b) {
        return a.equals(b) ? a : SEVERAL;
    }

    public String keyOf(Identity who) {
        return handleOf(who).key();
    }

    /** The key of {@link #keyOf(Identity)} with its number; {@link Handle#NONE} when the record names no user. */
    Handle handleOf(Identity who) {
        if (who.isEmpty()) return Handle.NONE;
        String id = who.upn();
        if (id.isEmpty()) {
            Pair known = upnOfObjectId.get(new Scoped(who.tenant(), who.objectId()));
            id = known == null ? who.objectId() : known.value();
        }
        Scoped scoped = new Scoped(who.tenant(), id);
        Handle handle = keys.get(scoped);
        return handle != null ? handle : keys.computeIfAbsent(scoped, k -> handleOf(key(k.tenant(), k.id())));
    }

    /** The handle of a key by its text (a snapshot names keys so): the one {@link #handleOf(Identity)} gives its user. */
    Handle handleOf(String key) {
        Handle handle = handles.get(key);
        return handle != null ? handle : handles.computeIfAbsent(key, k -> new Handle(k, numbers.getAndIncrement()));
    }

    /** The object id the tenant's records tie to a UPN, if any record carried both. */
    public java.util.Optional<String> objectIdOf(String tenant, String upn) {
        Pair p = objectIdOfUpn.get(new Scoped(tenant.toLowerCase(Locale.ROOT), upn.toLowerCase(Locale.ROOT)));
        return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.value());
    }

    /** The key of a user id (object id or UPN) in a tenant: the id alone for logs that name no tenant. */
    public static String key(String tenant, String id) {
        return tenant.isEmpty() ? id : tenant + '/' + id;
    }

    /** What a person reads for a key: the UPN when the logs tie one to it, else the id itself. */
    public String displayName(String tenant, String key) {
        String id = tenant.isEmpty() ? key : key.substring(tenant.length() + 1);
        if (id.indexOf('@') > 0) return id;
        Pair upn = upnOfObjectId.get(new Scoped(tenant, id));
        return upn == null ? id : upn.value();
    }

    /** Writes the learned pairs in a stable order, for a snapshot. */
    void write(DataOutput out) throws IOException {
        writeMap(objectIdOfUpn, out);
        writeMap(upnOfObjectId, out);
        TreeMap<String, String> tenants = new TreeMap<>(tenantOfUser);
        out.writeInt(tenants.size());
        for (Map.Entry<String, String> e : tenants.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    void read(DataInput in) throws IOException {
        readMap(objectIdOfUpn, in);
        readMap(upnOfObjectId, in);
        tenantOfUser.clear();
        for (int i = in.readInt(); i > 0; i--) tenantOfUser.put(in.readUTF(), in.readUTF());
    }

    private static void writeMap(Map<Scoped, Pair> pairs, DataOutput out) throws IOException {
        TreeMap<String, Pair> m = new TreeMap<>();
        pairs.forEach((k, v) -> m.put(k.flat(), v));
        out.writeInt(m.size());
        for (Map.Entry<String, Pair> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue().value());
            out.writeLong(e.getValue().time());
        }
    }

    private static void readMap(Map<Scoped, Pair> m, DataInput in) throws IOException {
        m.clear();
        for (int i = in.readInt(); i > 0; i--) m.put(Scoped.parse(in.readUTF()), new Pair(in.readUTF(), in.readLong()));
    }
}

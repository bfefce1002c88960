package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.codec.ByteArrayInput;
import io.aitmdefense.events.codec.ByteArrayOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs detections for the keys of one shard on one thread: per-key state with event-time TTL, event-time timers
 * fired in (time, key, detection) order as the watermark advances. The local engine runs one per core; Flink
 * gives the same contract through its keyed state and timer service.
 * <p>
 * State lives while it is updated: a slot expires at its last update plus its descriptor's TTL, and is gone for the
 * key's detections from the moment the watermark passes that — exactly as if an event-time cleanup timer had fired
 * there, in time order with the detection timers: a detection timer at {@code t} sees the slots expiring at or after
 * {@code t}, an event sees those expiring after the watermark. The slot's memory is released when the watermark
 * advance that passed its expiry ends ({@link ExpiryBuckets}); until then a detection timer looking at it finds it
 * absent. A key is dropped when it has no slots and no pending timers. Reading absent state returns the descriptor's
 * initial value without storing it (as Flink's {@code ValueState} does), so a lookup alone never keeps a user in
 * memory.
 * <p>
 * Between events the whole runtime — every key's state through its descriptor's codec, pending timers, the watermark
 * and the user directory — can be written by {@link #snapshot} and read into a fresh runtime by {@link #restore}.
 */
public final class KeyedRuntime {
    /** Receives a detection's exception for one event or timer. */
    @FunctionalInterface
    public interface FailureHandler {
        void failed(DetectionFailure failure, RuntimeException cause);
    }

    /** "AITM" — the first bytes of a snapshot, so that another file is refused as such. */
    static final int MAGIC = 0x4149544D;
    /** Layout of the runtime's own part of a snapshot (each state value carries its codec's version). */
    static final int FORMAT = 1;

    private final List<Detection> detections;
    /** Names detections by in a snapshot: the id, with "#n" for the n-th repeat of an id. */
    private final List<String> owners;
    private final Enrichment enrichment;
    private final Consumer<Alert> out;
    private final FailureHandler failures;
    private final UserDirectory directory;
    private final boolean ownsDirectory;
    /** Descriptors by slot: declared ones from {@link Detection#states}, others as they are first used. */
    private final Map<SlotKey, StateDescriptor<?>> descriptors = new HashMap<>();
    /**
     * Each slot's number, dense from 0: a key's values are an array indexed by it (see {@link KeyState}), so a state
     * access costs an array read where a per-key hash map cost a lookup for every detection and event.
     */
    private final Map<SlotKey, Integer> slotNumbers = new HashMap<>();
    private final List<SlotKey> slotKeys = new ArrayList<>();
    /**
     * Each detection's states as it sees them, by its descriptors: found by identity, without hashing, and the same
     * object for every call, where a new one for each call was the shards' largest allocation.
     */
    private final SlotView<?>[][] views;
    /**
     * The live keys by their number in the user directory ({@link UserDirectory.Handle}): an event finds its user's
     * state at an index, where a map by key cost a hash and a probe for every event and a put and a remove for every
     * user whose state came and went. The other shards' users leave their indexes empty.
     */
    private KeyState[] keys = new KeyState[64];
    private int liveKeys;
    /** Detection timers, {@code what} = the detection's index. */
    private final TimerQueue<KeyState> timers = new TimerQueue<>();
    /** Every slot by when it expires; a cleared slot's entry stays until its bucket is swept, and is skipped then. */
    private final ExpiryBuckets<Slot> expiries = new ExpiryBuckets<>();
    private final ExpiryBuckets.Sweeper<Slot> forgetting = (s, wm) -> {
        if (s.owner.get(s.number) != s) return ExpiryBuckets.Sweeper.GONE;
        if (compareExpiry(s, wm) > 0) return expirySecond(s);
        forget(s);
        return ExpiryBuckets.Sweeper.EXPIRED;
    };
    /** One context for every call: a detection uses it only during the call it is handed to. */
    private final Ctx ctx = new Ctx();
    private Instant watermark = Instant.MIN;
    private int stateEntries;
    private int peakKeys;
    private int peakStateEntries;

    /** A runtime where a detection's exception propagates to the caller (tests of one detection want to see it). */
    public KeyedRuntime(List<Detection> detections, Enrichment enrichment, Consumer<Alert> out) {
        this(detections, enrichment, out, (failure, cause) -> {
            throw cause;
        });
    }

    /** A runtime keying records itself, learning each tenant's UPN ↔ object id pairs as the records arrive. */
    public KeyedRuntime(List<Detection> detections, Enrichment enrichment, Consumer<Alert> out, FailureHandler failures) {
        this(detections, enrichment, out, failures, new UserDirectory(), true);
    }

    /** A runtime of the local engine: the engine keys the records with its {@code directory} and snapshots it. */
    KeyedRuntime(List<Detection> detections, Enrichment enrichment, Consumer<Alert> out, FailureHandler failures,
                 UserDirectory directory, boolean ownsDirectory) {
        this.detections = List.copyOf(detections);
        this.enrichment = enrichment;
        this.out = out;
        this.failures = failures;
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        this.views = new SlotView<?>[this.detections.size()][];
        for (int i = 0; i < this.detections.size(); i++) {
            Detection d = this.detections.get(i);
            String id = d.info().id();
            int n = seen.merge(id, 1, Integer::sum);
            names.add(n == 1 ? id : id + "#" + n);
            List<StateDescriptor<?>> states = List.copyOf(d.states());
            views[i] = new SlotView<?>[states.size()];
            for (int k = 0; k < states.size(); k++) {
                SlotKey name = slotKey(i, states.get(k));
                descriptors.put(name, states.get(k));
                views[i][k] = new SlotView<>(number(name), states.get(k));
            }
        }
        this.owners = List.copyOf(names);
    }

    /** Feeds one event to every detection under the key of the event's user. Events without a user are ignored. */
    public void process(Event event) {
        UserDirectory.Identity named = UserDirectory.identity(event);
        if (ownsDirectory) directory.learn(named, event.time().toEpochMilli());
        UserDirectory.Identity who = directory.resolve(named);
        process(directory.handleOf(who), who.tenant(), event);
    }

    /** Feeds one event under a key the engine already chose, found by its text. */
    void process(String key, String tenant, Event event) {
        process(directory.handleOf(key), tenant, event);
    }

    /** Feeds one event under a key the engine already chose. */
    void process(UserDirectory.Handle user, String tenant, Event event) {
        if (user.key().isEmpty()) return;
        KeyState ks = keyState(user, tenant);
        Instant time = event.time();
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            try {
                d.onEvent(event, ctx.at(ks, i, time));
            } catch (RuntimeException e) {
                failures.failed(DetectionFailure.of(d.info().id(), directory.displayName(tenant, user.key()), event.time(),
                        event.source().toString(), e), e);
            }
        }
        dropIfEmpty(ks);
        if (liveKeys > peakKeys) peakKeys = liveKeys;
    }

    /**
     * Fires every detection timer at or before {@code wm} in time order, then releases the state that expired at or
     * before {@code wm}.
     */
    public void advanceWatermark(Instant wm) {
        if (!wm.isAfter(watermark)) return;
        watermark = wm;
        while (timers.dueBy(wm)) {
            timers.poll();
            KeyState ks = timers.owner();
            int what = timers.what();
            ks.timers--;
            // the same timer queued twice fires once; one registered again while it fires, fires again (as in a set)
            while (timers.headRepeatsPolled()) {
                timers.poll();
                ks.timers--;
            }
            Instant time = timers.time();
            Detection d = detections.get(what);
            try {
                d.onTimer(time, ctx.atTimer(ks, what, time));
            } catch (RuntimeException e) {
                failures.failed(DetectionFailure.of(d.info().id(), directory.displayName(ks.tenant, ks.key), time, "timer", e), e);
            }
            dropIfEmpty(ks);
        }
        expiries.sweep(wm, forgetting);
    }

    /** The user's state, created when it has none. */
    private KeyState keyState(UserDirectory.Handle user, String tenant) {
        int n = user.number();
        if (n >= keys.length) keys = java.util.Arrays.copyOf(keys, Math.max(n + 1, 2 * keys.length));
        KeyState ks = keys[n];
        if (ks == null) {
            keys[n] = ks = new KeyState(user.key(), tenant, n);
            liveKeys++;
        }
        return ks;
    }

    /** Releases a slot whose time-to-live has passed. */
    private void forget(Slot s) {
        s.owner.remove(s.number);
        stateEntries--;
        dropIfEmpty(s.owner);
    }

    /*
     * A slot expires at the first instant the watermark is more than the TTL past its last update: updated + TTL + 1 ns.
     * Compared in seconds and nanoseconds, as Instant.plus(Duration) cost a tenth of the shards' time when a detection
     * timer checked it for each state it read.
     */

    /** The epoch second of the slot's expiry. */
    private static long expirySecond(Slot s) {
        Duration ttl = s.descriptor.ttl();
        return s.updated.getEpochSecond() + ttl.getSeconds() + (s.updated.getNano() + ttl.getNano() + 1L) / NANOS_PER_SECOND;
    }

    /** How the slot's expiry compares with {@code t}: negative when before it. */
    private static int compareExpiry(Slot s, Instant t) {
        int c = Long.compare(expirySecond(s), t.getEpochSecond());
        if (c != 0) return c;
        long nano = (s.updated.getNano() + s.descriptor.ttl().getNano() + 1L) % NANOS_PER_SECOND;
        return Long.compare(nano, t.getNano());
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public void finish() {
        advanceWatermark(Instant.MAX);
    }

    public Instant watermark() {
        return watermark;
    }

    /** Number of keys with live state or pending timers: what memory grows with. */
    public int liveKeys() {
        return liveKeys;
    }

    /** Number of state values held over all keys. */
    public int liveStateEntries() {
        return stateEntries;
    }

    /** The most keys held at once since this runtime started. */
    public int peakLiveKeys() {
        return peakKeys;
    }

    /** The most state values held at once since this runtime started. */
    public int peakStateEntries() {
        return peakStateEntries;
    }

    // --- snapshot

    /**
     * Writes everything this runtime holds: the watermark, the user directory (when it keys records itself), and for
     * each key in order its state values and pending detection timers. Expiries are not written: a restore derives
     * them from each slot's last update, where they fall in the uninterrupted run too.
     */
    public byte[] snapshot() {
        ByteArrayOutput bytes = new ByteArrayOutput(4096);
        try {
            bytes.writeInt(MAGIC);
            bytes.writeByte(FORMAT);
            writeInstant(watermark, bytes);
            bytes.writeBoolean(ownsDirectory);
            if (ownsDirectory) directory.write(bytes);
            writeKeys(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a {@link #snapshot} into this runtime, which must not have processed anything yet.
     *
     * @throws IOException when the bytes are no snapshot, were written by an incompatible build (the message says which
     *                     state and versions), or hold state of a detection this runtime does not run
     */
    public void restore(byte[] snapshot) throws IOException {
        ByteArrayInput in = new ByteArrayInput(snapshot, 0, snapshot.length);
        readHeader(in);
        Instant wm = readInstant(in);
        boolean withDirectory = in.readBoolean();
        if (withDirectory != ownsDirectory) throw new IOException("the snapshot was written by a runtime keying records "
                + (withDirectory ? "itself" : "through an engine") + "; restore it into the same kind");
        if (withDirectory) directory.read(in);
        restoreWatermark(wm);
        for (int n = StateIo.varInt(in); n > 0; n--) {
            String key = StateIo.str(in);
            restoreKey(key, readBlob(in));
        }
    }

    static void readHeader(DataInput in) throws IOException {
        if (in.readInt() != MAGIC) throw new IOException("not an AiTM Defense engine snapshot");
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new IOException("the snapshot has engine layout version " + format + " and this build reads " + FORMAT
                    + "; restore it with the build that wrote it, or start without the snapshot");
        }
    }

    void restoreWatermark(Instant wm) {
        if (liveKeys != 0 || watermark != Instant.MIN) throw new IllegalStateException("restore into a fresh runtime only");
        watermark = wm;
    }

    /** Each key, in order, as its id and a length-prefixed entry: an engine routes entries to shards by key. */
    void writeKeys(DataOutput out) throws IOException {
        StateIo.varInt(liveKeys, out);
        for (Map.Entry<String, byte[]> e : keyEntries().entrySet()) {
            StateIo.str(e.getKey(), out);
            writeBlob(e.getValue(), out);
        }
    }

    TreeMap<String, byte[]> keyEntries() throws IOException {
        Map<String, TreeSet<Map.Entry<Instant, Integer>>> timersByKey = new HashMap<>();
        timers.forEach((time, key, owner, what) ->
                timersByKey.computeIfAbsent(key, k -> new TreeSet<>(PENDING_ORDER)).add(Map.entry(time, what)));
        TreeMap<String, byte[]> entries = new TreeMap<>();
        ByteArrayOutput value = new ByteArrayOutput(1024);
        for (KeyState ks : keys) {
            if (ks == null) continue;
            ByteArrayOutput entry = new ByteArrayOutput(256);
            StateIo.str(ks.tenant, entry);
            TreeMap<String, Map.Entry<SlotKey, Slot>> slots = new TreeMap<>();
            for (int i = 0; i < ks.slots.length; i++) {
                if (ks.slots[i] == null) continue;
                SlotKey name = slotKeys.get(i);
                slots.put(owner(name.detection) + "\u0000" + name.name, Map.entry(name, ks.slots[i]));
            }
            StateIo.varInt(slots.size(), entry);
            for (Map.Entry<SlotKey, Slot> s : slots.values()) {
                StateIo.str(owner(s.getKey().detection), entry);
                StateIo.str(s.getKey().name, entry);
                writeInstant(s.getValue().updated, entry);
                StateCodec<Object> codec = codec(s.getValue().descriptor);
                entry.writeByte(codec.version());
                value.reset();
                codec.write(s.getValue().value, value);
                writeBlob(value.toByteArray(), entry);
            }
            Set<Map.Entry<Instant, Integer>> own = timersByKey.getOrDefault(ks.key, new TreeSet<>(PENDING_ORDER));
            StateIo.varInt(own.size(), entry);
            for (Map.Entry<Instant, Integer> t : own) {
                writeInstant(t.getKey(), entry);
                StateIo.str(owner(t.getValue()), entry);
            }
            entries.put(ks.key, entry.toByteArray());
        }
        return entries;
    }

    /** Installs one key's state and timers written by {@link #keyEntries}. */
    void restoreKey(String key, byte[] entry) throws IOException {
        ByteArrayInput in = new ByteArrayInput(entry, 0, entry.length);
        UserDirectory.Handle user = directory.handleOf(key);
        if (user.number() < keys.length && keys[user.number()] != null) {
            throw new IOException("the snapshot holds key '" + key + "' twice");
        }
        KeyState ks = keyState(user, StateIo.str(in));
        for (int n = StateIo.varInt(in); n > 0; n--) {
            String owner = StateIo.str(in);
            String name = StateIo.str(in);
            Instant updated = readInstant(in);
            int version = in.readUnsignedByte();
            byte[] value = readBlob(in);
            SlotKey slotKey = new SlotKey(detectionOf(owner, name), name);
            StateDescriptor<?> d = descriptors.get(slotKey);
            if (d == null) {
                throw new IOException("the snapshot holds state '" + name + "' of " + (owner.isEmpty() ? "the shared states" : "detection " + owner)
                        + ", which no detection of this run declares");
            }
            StateCodec<Object> codec = codec(d);
            if (version > codec.version()) throw StateIo.unsupported(name, version, codec.version());
            Object v = codec.read(new ByteArrayInput(value, 0, value.length), version);
            Slot s = new Slot(d, ks, number(slotKey));
            s.value = v;
            s.updated = updated;
            ks.put(s.number, s);
            added();
            expiries.add(expirySecond(s), s);
        }
        for (int n = StateIo.varInt(in); n > 0; n--) {
            Instant time = readInstant(in);
            addTimer(time, ks, detectionOf(StateIo.str(in), "a timer"));
        }
        if (liveKeys > peakKeys) peakKeys = liveKeys;
    }

    private String owner(int detection) {
        return detection == SHARED ? "" : owners.get(detection);
    }

    private int detectionOf(String owner, String what) throws IOException {
        if (owner.isEmpty()) return SHARED;
        int i = owners.indexOf(owner);
        if (i < 0) throw new IOException("the snapshot holds " + what + " of detection " + owner + ", which this run does not have enabled");
        return i;
    }

    @SuppressWarnings("unchecked")
    private static StateCodec<Object> codec(StateDescriptor<?> d) {
        return (StateCodec<Object>) d.codec();
    }

    static void writeInstant(Instant t, DataOutput out) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    static Instant readInstant(DataInput in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    static void writeBlob(byte[] b, DataOutput out) throws IOException {
        StateIo.varInt(b.length, out);
        out.write(b);
    }

    static byte[] readBlob(DataInput in) throws IOException {
        int n = StateIo.varInt(in);
        if (n < 0) throw new IOException("malformed snapshot");
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    // --- internals

    private void dropIfEmpty(KeyState ks) {
        if (ks.used == 0 && ks.timers == 0 && keys[ks.number] == ks) {
            keys[ks.number] = null;
            liveKeys--;
        }
    }

    private void added() {
        stateEntries++;
        if (stateEntries > peakStateEntries) peakStateEntries = stateEntries;
    }

    /**
     * Queues a detection's timer. A detection registers the same timer for many events in a row (a minute's worth),
     * often two kinds of them in turn (session replay's judging and trimming for each use): a repeat of either of the
     * two it registered last is not queued again while it cannot have fired yet, that is while it is after the
     * watermark. A repeat queued would fire once anyway ({@link #advanceWatermark}); here it costs nothing.
     */
    private void addTimer(Instant time, KeyState ks, int detection) {
        if (ks.registered == null) {
            ks.registered = new long[2 * detections.size()];
            java.util.Arrays.fill(ks.registered, NOT_REGISTERED);
        }
        long[] last = ks.registered;
        int latest = 2 * detection, before = latest + 1;
        long at = nanos(time);
        if (at != NOT_REGISTERED && time.isAfter(watermark)) {
            if (at == last[latest]) return;
            if (at == last[before]) {
                // the other kind comes next: keep both, the one just asked for as the latest
                last[before] = last[latest];
                last[latest] = at;
                return;
            }
        }
        last[before] = last[latest];
        last[latest] = at;
        timers.add(time, ks.key, ks, detection);
        ks.timers++;
    }

    /**
     * A timer's time as nanoseconds since the epoch, compared without reading an {@link Instant} held elsewhere on the
     * heap for every timer a detection registers; {@link #NOT_REGISTERED} beyond the years 1677–2262, where a timer is
     * simply queued (a repeat fires once anyway).
     */
    private static long nanos(Instant time) {
        long s = time.getEpochSecond();
        return s > MAX_SECOND || s < -MAX_SECOND ? NOT_REGISTERED : s * NANOS_PER_SECOND + time.getNano();
    }

    private static final long MAX_SECOND = Long.MAX_VALUE / NANOS_PER_SECOND - 1;
    /** No timer registered, or one whose time {@link #nanos} cannot hold. */
    private static final long NOT_REGISTERED = Long.MIN_VALUE;

    /**
     * A detection's view of its state: a declared one without hashing, any other registered on first use and then kept
     * with the declared ones (up to {@link #MAX_VIEWS} a detection, in case one makes a new descriptor every time).
     */
    @SuppressWarnings("unchecked")
    private <T> SlotView<T> viewOf(int detection, StateDescriptor<T> d) {
        SlotView<?>[] own = views[detection];
        for (SlotView<?> v : own) if (v.descriptor == d) return (SlotView<T>) v;
        SlotKey name = slotKey(detection, d);
        descriptors.putIfAbsent(name, d);
        SlotView<T> view = new SlotView<>(number(name), d);
        if (own.length < MAX_VIEWS) {
            own = java.util.Arrays.copyOf(own, own.length + 1);
            own[own.length - 1] = view;
            views[detection] = own;
        }
        return view;
    }

    private static final int MAX_VIEWS = 64;

    private int number(SlotKey name) {
        Integer n = slotNumbers.get(name);
        if (n != null) return n;
        slotNumbers.put(name, slotKeys.size());
        slotKeys.add(name);
        return slotKeys.size() - 1;
    }

    private static SlotKey slotKey(int detection, StateDescriptor<?> d) {
        return new SlotKey(d.shared() ? SHARED : detection, d.name());
    }

    /** A key's state values by slot number (null: no value), and its pending detection timers. */
    private static final class KeyState {
        final String key;
        final String tenant;
        Slot[] slots = new Slot[0];
        /** The key's number in the user directory: its index in {@link #keys}. */
        final int number;
        int used;
        /** Pending detection timers, repeats included. */
        int timers;
        /**
         * The times ({@link #nanos}) of each detection's two latest registered timers, the latest at
         * {@code 2 * detection} and the one before at {@code 2 * detection + 1} (null until the key registers one).
         */
        long[] registered;

        KeyState(String key, String tenant, int number) {
            this.key = key;
            this.tenant = tenant;
            this.number = number;
        }

        Slot get(int slot) {
            return slot < slots.length ? slots[slot] : null;
        }

        void put(int slot, Slot s) {
            if (slot >= slots.length) slots = java.util.Arrays.copyOf(slots, Math.max(slot + 1, 8));
            if (slots[slot] == null) used++;
            slots[slot] = s;
        }

        Slot remove(int slot) {
            Slot s = get(slot);
            if (s != null) {
                slots[slot] = null;
                used--;
            }
            return s;
        }
    }

    /** One state value of a key, with where it is held: an entry of {@link #expiries} finds its way back. */
    private static final class Slot {
        Object value;
        Instant updated;
        final StateDescriptor<?> descriptor;
        final KeyState owner;
        final int number;

        Slot(StateDescriptor<?> descriptor, KeyState owner, int number) {
            this.descriptor = descriptor;
            this.owner = owner;
            this.number = number;
        }
    }

    /** The detection index of shared state: one slot per name for all detections. */
    private static final int SHARED = -1;

    /** A detection's state by name: detections may use the same names without sharing values, unless shared. */
    private record SlotKey(int detection, String name) {
        // written out: looked up for every state access, and the record's generated methods cost several times more
        @Override
        public boolean equals(Object o) {
            return o instanceof SlotKey k && k.detection == detection && k.name.equals(name);
        }

        @Override
        public int hashCode() {
            return 31 * detection + name.hashCode();
        }
    }

    /** A key's pending detection timers in a snapshot: by time, then detection. */
    private static final Comparator<Map.Entry<Instant, Integer>> PENDING_ORDER =
            Map.Entry.<Instant, Integer>comparingByKey().thenComparing(Map.Entry.comparingByValue());

    /**
     * One state of the key {@link #ctx} is at: a detection uses it only during the call it got it in, as the context,
     * so one view per detection and descriptor serves every key.
     */
    private final class SlotView<T> implements ValueState<T> {
        final int slot;
        final StateDescriptor<T> descriptor;

        SlotView(int slot, StateDescriptor<T> descriptor) {
            this.slot = slot;
            this.descriptor = descriptor;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T value() {
            Slot s = ctx.live(slot);
            return s == null ? descriptor.initial().get() : (T) s.value;
        }

        @Override
        public void update(T value) {
            if (value == null) {
                clear();
                return;
            }
            KeyState ks = ctx.ks;
            Instant now = ctx.now;
            Slot s = ks.get(slot);
            if (s == null) {
                s = new Slot(descriptor, ks, slot);
                ks.put(slot, s);
                added();
                s.updated = now;
                expiries.add(expirySecond(s), s);
            } else if (ctx.live(slot) == null) {
                s.updated = now; // expired, not yet released: a new value from now, its entry moves on when swept
            } else if (now.isAfter(s.updated)) {
                s.updated = now;
            }
            s.value = value;
        }

        @Override
        public void clear() {
            // its expiry entry is skipped when swept
            if (ctx.ks.remove(slot) != null) stateEntries--;
        }
    }

    private final class Ctx implements Context {
        private String key;
        private KeyState ks;
        private int detection;
        private Instant now;
        /** In a detection timer: its time, before which an expired slot is gone though not yet released; else null. */
        private Instant timer;

        Ctx at(KeyState ks, int detection, Instant now) {
            this.key = ks.key;
            this.ks = ks;
            this.detection = detection;
            this.now = now;
            this.timer = null;
            return this;
        }

        Ctx atTimer(KeyState ks, int detection, Instant time) {
            at(ks, detection, time);
            this.timer = time;
            return this;
        }

        /**
         * The key's slot, or null when it has none or when, in a timer, the slot expired before the timer's time: a
         * cleanup timer would have dropped it by then, and the sweep at the end of this advance will.
         */
        private Slot live(int slot) {
            Slot s = ks.get(slot);
            return s != null && timer != null && compareExpiry(s, timer) < 0 ? null : s;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public String tenant() {
            return ks.tenant;
        }

        @Override
        public String user() {
            return directory.displayName(ks.tenant, key);
        }

        @Override
        public <T> ValueState<T> state(StateDescriptor<T> d) {
            return viewOf(detection, d);
        }

        @Override
        public void registerTimer(Instant time) {
            addTimer(time, ks, detection);
        }

        @Override
        public Instant watermark() {
            return watermark;
        }

        @Override
        public void emit(Alert alert) {
            out.accept(alert);
        }

        @Override
        public Enrichment enrichment() {
            return enrichment.forTenant(ks.tenant);
        }
    }
}

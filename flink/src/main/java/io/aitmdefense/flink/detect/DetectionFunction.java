package io.aitmdefense.flink.detect;

import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.flink.wire.CodecSerializer;
import io.aitmdefense.flink.wire.CodecType;
import io.aitmdefense.flink.wire.Codecs;
import io.aitmdefense.model.Alert;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The detection catalogue as one Flink function keyed by tenant and user: the adapter that gives the detection API
 * ({@link io.aitmdefense.detect.api.Context}: keyed state, event-time timers, emit) the same contract the local engine's {@code KeyedRuntime}
 * gives, on Flink's keyed state and timer service.
 * <ul>
 *   <li>Each state a detection asks for is one Flink {@code ValueState} of this function, serialized by its descriptor's
 *   codec ({@link CodecSerializer}); a shared descriptor is one value for all detections naming it.</li>
 *   <li>State lives while it is updated: its expiry is the last update in event time plus the descriptor's TTL, enforced
 *   by an event-time timer (Flink's own TTL counts processing time).</li>
 *   <li>Detection timers are event-time timers. Flink keeps one per key and millisecond, so the exact instants and
 *   the detections they belong to are kept in {@link KeyMeta}; at one instant detection timers fire before a state's
 *   cleanup, as in the local engine.</li>
 *   <li>Tenant contexts (trusted networks, break-glass accounts, VIPs, domains) are broadcast state: a tenant update
 *   reaches every subtask and changes the enrichment without a restart.</li>
 *   <li>Events more than the allowed lateness behind the watermark go to {@link #LATE} and are not processed.</li>
 * </ul>
 */
public final class DetectionFunction extends KeyedBroadcastProcessFunction<String, KeyedEvent, String, Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionFunction.class);

    /** Tenant id → the tenant's entry as JSON, from tenant updates; over the tenant file's own entries. */
    public static final MapStateDescriptor<String, String> TENANTS =
            new MapStateDescriptor<>("aitm-tenant-updates", Types.STRING, Types.STRING);
    /** Events that came later than the watermark allows, for a count or a dead-letter topic. */
    public static final OutputTag<KeyedEvent> LATE = new OutputTag<>("late-events", new CodecType<>(KeyedEvent.class, Codecs.KEYED_EVENT));

    private final TenantFile tenantFile;
    private final long latenessMillis;

    private transient List<Detection> detections;
    /** Names detections by in state and timers: the id, with "#n" for the n-th repeat of an id (as KeyedRuntime). */
    private transient List<String> owners;
    private transient Map<String, Integer> detectionOf;
    private transient DetectConfig config;
    private transient AsnDatabase database;
    /** Rebuilt from the broadcast state when null: after a tenant update or a restore. */
    private transient Enrichment enrichment;
    private transient org.apache.flink.api.common.state.ValueState<KeyMeta> meta;
    private transient Map<String, org.apache.flink.api.common.state.ValueState<Object>> slots;
    /** Slot id → its descriptor, for the TTL. */
    private transient Map<String, StateDescriptor<?>> descriptors;
    /** Per detection, its descriptors' slots: looked up on every state access, so by identity, without building the id. */
    private transient List<java.util.IdentityHashMap<StateDescriptor<?>, Slot>> slotOf;

    private record Slot(String id, org.apache.flink.api.common.state.ValueState<Object> state) {
    }
    private transient Counter late;
    private transient Counter failures;
    private transient Counter refusedUpdates;

    /**
     * @param lateness how far behind the watermark an event may still be processed (the watermark itself already
     *                 trails the newest event by the tenant file's {@code engine.allowedLateness})
     */
    public DetectionFunction(TenantFile tenantFile, Duration lateness) {
        this.tenantFile = tenantFile;
        this.latenessMillis = lateness.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        config = tenantFile.config();
        detections = Catalogue.enabled(config);
        database = TenantFile.database(config);
        owners = new ArrayList<>();
        detectionOf = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < detections.size(); i++) {
            String id = detections.get(i).info().id();
            int n = seen.merge(id, 1, Integer::sum);
            String owner = n == 1 ? id : id + "#" + n;
            owners.add(owner);
            detectionOf.put(owner, i);
        }
        meta = getRuntimeContext().getState(new ValueStateDescriptor<>("aitm-key", new CodecSerializer<>(KeyMeta.CODEC)));
        slots = new HashMap<>();
        descriptors = new HashMap<>();
        slotOf = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) slotOf.add(new java.util.IdentityHashMap<>());
        for (int i = 0; i < detections.size(); i++) for (StateDescriptor<?> d : detections.get(i).states()) slot(i, d);
        var metrics = getRuntimeContext().getMetricGroup();
        late = metrics.counter("lateEvents");
        failures = metrics.counter("detectionFailures");
        refusedUpdates = metrics.counter("refusedTenantUpdates");
    }

    @Override
    public void processElement(KeyedEvent e, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        long wm = ctx.timerService().currentWatermark();
        long t = e.event().time().toEpochMilli();
        if (wm != Long.MIN_VALUE && t <= wm - latenessMillis) {
            late.inc();
            ctx.output(LATE, e);
            return;
        }
        KeyMeta m = meta.value();
        if (m == null) m = new KeyMeta(e.tenant(), e.user());
        m.user = e.user();
        Enrichment tenant = enrichment(ctx.getBroadcastState(TENANTS)).forTenant(m.tenant);
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            try {
                d.onEvent(e.event(), new Ctx(ctx.getCurrentKey(), m, i, e.event().time(), ctx.timerService(), tenant, out));
            } catch (RuntimeException x) {
                failed(d, m, e.event().time(), e.event().source().toString(), x);
            }
        }
        save(m, ctx.timerService(), false);
    }

    /**
     * Fires, in time order, every detection timer and state expiry of this key due by {@code timestamp}; a detection
     * timer first where both fall on one instant, and timers a detection registers on the way fire too if due.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        KeyMeta m = meta.value();
        if (m == null) return;
        Enrichment tenant = enrichment(ctx.getBroadcastState(TENANTS)).forTenant(m.tenant);
        while (true) {
            KeyMeta.Pending timer = m.timers.isEmpty() ? null : m.timers.first();
            if (timer != null && millis(timer.time()) > timestamp) timer = null;
            String expired = null;
            Instant expiry = null;
            for (Map.Entry<String, Instant> s : m.updated.entrySet()) {
                Instant x = expiry(s.getKey(), s.getValue());
                if (millis(x) <= timestamp && (expiry == null || x.isBefore(expiry))) {
                    expired = s.getKey();
                    expiry = x;
                }
            }
            if (timer == null && expired == null) break;
            if (timer != null && (expiry == null || !timer.time().isAfter(expiry))) {
                m.timers.pollFirst();
                Integer i = detectionOf.get(timer.owner());
                if (i == null) continue; // a detection switched off since the timer was set
                Detection d = detections.get(i);
                try {
                    d.onTimer(timer.time(), new Ctx(ctx.getCurrentKey(), m, i, timer.time(), ctx.timerService(), tenant, out));
                } catch (RuntimeException x) {
                    failed(d, m, timer.time(), "timer", x);
                }
            } else {
                var slot = slots.get(expired);
                if (slot != null) slot.clear();
                m.updated.remove(expired);
            }
        }
        save(m, ctx.timerService(), true);
    }

    @Override
    public void processBroadcastElement(String update, Context ctx, Collector<Alert> out) throws Exception {
        try {
            for (Map.Entry<String, String> t : TenantFile.updates(update).entrySet()) ctx.getBroadcastState(TENANTS).put(t.getKey(), t.getValue());
            enrichment = null;
        } catch (IllegalArgumentException e) {
            // a wrong update must not stop detection for every tenant: the previous context stays
            refusedUpdates.inc();
            LOG.warn("tenant update refused, the previous tenant context stays: {}", e.getMessage());
        }
    }

    private Enrichment enrichment(ReadOnlyBroadcastState<String, String> updates) throws Exception {
        if (enrichment == null) enrichment = TenantFile.enrichment(config, database, updates.immutableEntries());
        return enrichment;
    }

    /**
     * Writes the key's bookkeeping back, or drops it with the key's last state and timer. {@code rearm}: after timers
     * fired, each remaining state's cleanup timer is set to its current expiry (Flink ignores a repeat).
     */
    private void save(KeyMeta m, TimerService timers, boolean rearm) throws Exception {
        if (m.empty()) {
            meta.clear();
            return;
        }
        if (rearm) for (Map.Entry<String, Instant> s : m.updated.entrySet()) timers.registerEventTimeTimer(millis(expiry(s.getKey(), s.getValue())));
        meta.update(m);
    }

    private void failed(Detection d, KeyMeta m, Instant time, String where, RuntimeException x) {
        failures.inc();
        LOG.warn("detection {} failed for {} at {} ({}): {}", d.info().id(), m.user, time, where, x.toString());
    }

    /** The first instant the watermark is more than the slot's TTL past its last update (as KeyedRuntime). */
    private Instant expiry(String slot, Instant updated) {
        StateDescriptor<?> d = descriptors.get(slot);
        // state of a detection switched off since it was written: expire it now
        return d == null ? updated : updated.plus(d.ttl()).plusNanos(1);
    }

    /** The Flink timer that fires once the watermark has reached {@code t}: its millisecond, rounded up. */
    static long millis(Instant t) {
        long ms = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
    }

    private static String slotId(String owner, StateDescriptor<?> d) {
        return (d.shared() ? "" : owner) + "/" + d.name();
    }

    private Slot slot(int detection, StateDescriptor<?> d) {
        Slot s = slotOf.get(detection).get(d);
        if (s == null) slotOf.get(detection).put(d, s = new Slot(slotId(owners.get(detection), d), state(detection, d)));
        return s;
    }

    @SuppressWarnings("unchecked")
    private org.apache.flink.api.common.state.ValueState<Object> state(int detection, StateDescriptor<?> d) {
        return slots.computeIfAbsent(slotId(owners.get(detection), d), k -> {
            descriptors.put(k, d);
            CodecSerializer<Object> serializer = new CodecSerializer<>(Codecs.state(d.shared() ? "" : owners.get(detection), (StateDescriptor<Object>) d));
            return getRuntimeContext().getState(new ValueStateDescriptor<>("aitm-state/" + k, serializer));
        });
    }

    private final class Ctx implements io.aitmdefense.detect.api.Context {
        private final String key;
        private final KeyMeta m;
        private final int detection;
        private final Instant now;
        private final TimerService timers;
        private final Enrichment enrichment;
        private final Collector<Alert> out;

        Ctx(String key, KeyMeta m, int detection, Instant now, TimerService timers, Enrichment enrichment, Collector<Alert> out) {
            this.key = key;
            this.m = m;
            this.detection = detection;
            this.now = now;
            this.timers = timers;
            this.enrichment = enrichment;
            this.out = out;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public String tenant() {
            return m.tenant;
        }

        @Override
        public String user() {
            return m.user;
        }

        @Override
        public <T> ValueState<T> state(StateDescriptor<T> d) {
            Slot ref = slot(detection, d);
            org.apache.flink.api.common.state.ValueState<Object> slot = ref.state();
            String id = ref.id();
            return new ValueState<>() {
                @Override
                @SuppressWarnings("unchecked")
                public T value() {
                    try {
                        Object v = slot.value();
                        return v == null ? d.initial().get() : (T) v;
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void update(T value) {
                    if (value == null) {
                        clear();
                        return;
                    }
                    try {
                        slot.update(value);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    Instant last = m.updated.get(id);
                    if (last == null || now.isAfter(last)) m.updated.put(id, now);
                    // the cleanup timer, armed once; when it fires after newer updates, onTimer moves it to the new expiry
                    if (last == null) timers.registerEventTimeTimer(millis(expiry(id, now)));
                }

                @Override
                public void clear() {
                    slot.clear();
                    m.updated.remove(id);
                }
            };
        }

        @Override
        public void registerTimer(Instant time) {
            if (m.timers.add(new KeyMeta.Pending(time, owners.get(detection)))) timers.registerEventTimeTimer(millis(time));
        }

        @Override
        public Instant watermark() {
            long wm = timers.currentWatermark();
            return wm == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochMilli(wm);
        }

        @Override
        public void emit(Alert alert) {
            out.collect(alert);
        }

        @Override
        public io.aitmdefense.detect.enrich.Enrichment enrichment() {
            return enrichment;
        }
    }
}

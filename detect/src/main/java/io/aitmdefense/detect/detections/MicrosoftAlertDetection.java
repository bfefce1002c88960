package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.SecurityAlert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Microsoft's own verdicts as supporting alerts: a Defender XDR, Defender for Cloud Apps or Identity Protection alert
 * whose title names AiTM phishing, a stolen session cookie or anomalous token, a suspicious inbox rule or BEC
 * ({@link MicrosoftAlertTopics}) becomes an alert for the user it names, at Microsoft's severity, so it joins the
 * user's incident with its id and portal link. Every other Microsoft alert is left aside (and counted by
 * {@link MicrosoftAlertTally}). Log Analytics writes a row per update of an alert and advanced hunting a row per
 * evidence, so the rows of one alert id are gathered until the watermark passes their time, then raised once;
 * an alert closed as a false positive or dismissed in any of its rows is not raised.
 */
public final class MicrosoftAlertDetection implements Detection {
    public static final String ID = "microsoft-alert";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Microsoft raised an AiTM, session-theft or BEC alert",
            Severity.MEDIUM, KillChainStage.REPLAY, List.of("T1557", "T1539", "T1550.004", "T1564.008"),
            "Microsoft sees what exported logs do not: the phishing page's own traffic, the session cookie's properties, "
                    + "mail flow. Its 'Possible AiTM phishing attempt', 'Stolen session cookie was used', 'Anomalous "
                    + "token', suspicious inbox rule and BEC alerts name the user and often the attacker's address; here "
                    + "they join that user's incident beside the log evidence, at Microsoft's own severity.",
            "Microsoft's false positives: a user's own VPN or travel behind an anomalous-token alert, a user's own "
                    + "rules behind an inbox-rule alert. Alerts classified as false positive or expected activity, or "
                    + "dismissed, are not raised.",
            "Open the alert by its link in the Defender portal, then read this user's sign-ins around it: the session "
                    + "the alert names, the addresses in its evidence, and what the account did from them.");

    private static final int CAP = 500;
    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    private final MicrosoftAlertTopics topics;
    private final StateDescriptor<MicrosoftAlertState> state;

    public MicrosoftAlertDetection(DetectConfig config) {
        this.topics = MicrosoftAlertTopics.of(config);
        // an alert id raised once is remembered this long, so a late update of it is not raised again
        Duration remember = config.detection(ID).duration("remember", Duration.ofDays(7),
                "an alert raised once is not raised again for a late update within this time");
        this.state = new StateDescriptor<>(ID + "/alerts", MicrosoftAlertState::new, remember, CODEC);
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state);
    }

    /** The rows of one alert id seen so far. */
    static final class Gathered {
        final String id;
        long time = Long.MAX_VALUE;
        RecordRef first;
        String title = "", provider = "", severity = "", link = "";
        MicrosoftAlertTopics.Topic topic;
        boolean dismissed;
        final Set<String> ips = new TreeSet<>();
        final Set<String> techniques = new TreeSet<>();
        /** File, line, then index in the line: the same evidence order whatever order the rows came in. */
        final TreeSet<RecordRef> sources = new TreeSet<>(java.util.Comparator.comparing(RecordRef::file)
                .thenComparingLong(RecordRef::line).thenComparingInt(RecordRef::index));

        Gathered(String id) {
            this.id = id;
        }

        /** Keeps the earliest row's wording (time, then file and line), whatever order the rows come in. */
        void add(SecurityAlert a, MicrosoftAlertTopics.Topic t, boolean dismissedRow) {
            long at = a.time().toEpochMilli();
            RecordRef ref = RecordRef.of(a);
            boolean earlier = first == null || at < time || (at == time && Timed.ORDER.compare(row(at, ref), row(time, first)) < 0);
            if (earlier) {
                time = at;
                first = ref;
                title = a.title();
                provider = a.provider();
                topic = t;
                if (!a.link().isEmpty()) link = a.link();
            } else if (link.isEmpty()) {
                link = a.link();
            }
            if (severity.isEmpty() || MicrosoftAlertTopics.severity(a.severity()).compareTo(MicrosoftAlertTopics.severity(severity)) > 0) {
                severity = a.severity();
            }
            dismissed |= dismissedRow;
            ips.addAll(a.ips());
            for (String tech : a.techniques()) {
                var m = TECHNIQUE.matcher(tech);
                while (m.find()) techniques.add(m.group());
            }
            sources.add(ref);
            if (sources.size() > 20) sources.pollLast();
        }

        private static Timed row(long time, RecordRef source) {
            return new Timed() {
                public long time() {
                    return time;
                }

                public RecordRef source() {
                    return source;
                }
            };
        }
    }

    static final class MicrosoftAlertState {
        final TreeMap<String, Gathered> pending = new TreeMap<>();
        final LinkedHashSet<String> raised = new LinkedHashSet<>();
    }

    private static final MicrosoftAlertTopics.Topic[] TOPICS = MicrosoftAlertTopics.Topic.values();

    static final StateCodec<MicrosoftAlertState> CODEC = StateCodecs.v1("Microsoft alerts", (st, out) -> {
        StateIo.orderedMap(st.pending, out, (g, o) -> {
            StateIo.varLong(g.time, o);
            o.writeBoolean(g.first != null);
            if (g.first != null) StateIo.source(g.first, o);
            StateIo.str(g.title, o);
            StateIo.str(g.provider, o);
            StateIo.str(g.severity, o);
            StateIo.str(g.link, o);
            o.writeByte(g.topic == null ? 255 : g.topic.ordinal());
            o.writeBoolean(g.dismissed);
            StateIo.strings(List.copyOf(g.ips), o);
            StateIo.strings(List.copyOf(g.techniques), o);
            StateIo.list(List.copyOf(g.sources), o, StateIo::source);
        });
        StateIo.strings(List.copyOf(st.raised), out);
    }, in -> {
        MicrosoftAlertState st = new MicrosoftAlertState();
        int n = StateIo.varInt(in);
        for (int i = 0; i < n; i++) {
            Gathered g = new Gathered(StateIo.str(in));
            g.time = StateIo.varLong(in);
            if (in.readBoolean()) g.first = StateIo.source(in);
            g.title = StateIo.str(in);
            g.provider = StateIo.str(in);
            g.severity = StateIo.str(in);
            g.link = StateIo.str(in);
            int topic = in.readUnsignedByte();
            g.topic = topic == 255 ? null : TOPICS[topic];
            g.dismissed = in.readBoolean();
            g.ips.addAll(StateIo.strings(in));
            g.techniques.addAll(StateIo.strings(in));
            g.sources.addAll(StateIo.list(in, StateIo::source));
            st.pending.put(g.id, g);
        }
        st.raised.addAll(StateIo.strings(in));
        return st;
    });

    @Override
    public void onEvent(Event event, Context ctx) {
        if (!(event instanceof SecurityAlert a)) return;
        MicrosoftAlertTopics.Verdict verdict = topics.verdict(a);
        if (verdict != MicrosoftAlertTopics.Verdict.USED && verdict != MicrosoftAlertTopics.Verdict.DISMISSED) return;
        if (a.user().isEmpty()) return;
        ValueState<MicrosoftAlertState> v = ctx.state(state);
        MicrosoftAlertState st = v.value();
        if (st.raised.contains(a.id())) return;
        if (!st.pending.containsKey(a.id()) && st.pending.size() >= CAP) return;
        st.pending.computeIfAbsent(a.id(), Gathered::new)
                .add(a, topics.topic(a).orElseThrow(), verdict == MicrosoftAlertTopics.Verdict.DISMISSED);
        ctx.registerTimer(Timed.minuteAfter(a.time()));
        v.update(st);
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<MicrosoftAlertState> v = ctx.state(state);
        MicrosoftAlertState st = v.value();
        long now = time.toEpochMilli();
        for (Iterator<Map.Entry<String, Gathered>> it = st.pending.entrySet().iterator(); it.hasNext(); ) {
            Gathered g = it.next().getValue();
            if (Timed.minuteAfter(Instant.ofEpochMilli(g.time)).toEpochMilli() > now) continue;
            it.remove();
            st.raised.add(g.id);
            if (st.raised.size() > CAP) st.raised.remove(st.raised.iterator().next());
            if (!g.dismissed) ctx.emit(alert(ctx, g));
        }
        v.update(st);
    }

    private Alert alert(Context ctx, Gathered g) {
        Severity severity = MicrosoftAlertTopics.severity(g.severity);
        List<Integer> asns = new ArrayList<>();
        for (String ip : g.ips) {
            Network n = ctx.enrichment().network(ip, 0);
            if (n.asn() > 0 && !asns.contains(n.asn())) asns.add(n.asn());
        }
        Instant at = Instant.ofEpochMilli(g.time);
        String provider = g.provider.isEmpty() ? "Microsoft" : g.provider;
        String severityWord = g.severity.isEmpty() ? "unrated" : g.severity;
        StringBuilder why = new StringBuilder(provider).append(" raised '").append(g.title).append("' (")
                .append(severityWord).append(", alert ").append(g.id).append(") for ").append(ctx.user()).append(" at ").append(at);
        if (!g.ips.isEmpty()) why.append(" involving ").append(String.join(", ", g.ips));
        why.append(": ").append(g.topic.meaning()).append('.');
        if (!g.link.isEmpty()) why.append(" Microsoft's alert: ").append(g.link);
        List<String> techniques = new ArrayList<>(g.topic.techniques());
        for (String t : g.techniques) if (!techniques.contains(t)) techniques.add(t);
        List<Evidence> evidence = new ArrayList<>();
        String summary = "Microsoft alert '" + g.title + "' (" + severityWord + ", " + provider + ")"
                + (g.link.isEmpty() ? "" : " " + g.link);
        for (RecordRef s : g.sources) evidence.add(new Evidence(s, EventKind.SECURITY_ALERT, at, summary));
        double confidence = switch (severity) {
            case HIGH, CRITICAL -> 0.8;
            case MEDIUM -> 0.65;
            case LOW -> 0.5;
            case NOTICE, INFO -> 0.4;
        };
        return Alerts.alert(INFO, "Microsoft alert: " + g.title, ctx.tenant(), ctx.key(), ctx.user(), g.first, new Alerts.Finding(
                severity, confidence,
                at, at, g.topic.stage(), List.copyOf(techniques), why.toString(),
                new Alert.Infrastructure(List.copyOf(g.ips), List.copyOf(asns), List.of(), List.of()),
                List.of(), evidence));
    }
}

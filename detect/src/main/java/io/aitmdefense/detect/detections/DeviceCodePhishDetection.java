package io.aitmdefense.detect.detections;

import io.aitmdefense.model.Alert;
import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.codec.StringPool;
import io.aitmdefense.model.RecordRef;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A successful device-code sign-in (authentication protocol deviceCode, or a token whose original transfer method was
 * deviceCodeFlow) for a user with no device-code sign-in in the previous {@code historyDays}: the phishing lure makes
 * the victim enter the attacker's code, and the attacker's poller receives the victim's tokens. Severity rises when
 * the flow ran from a hosting network, or when the same session or network reads mail (Exchange or Graph sign-ins,
 * mailbox activity) within {@code followWindow}.
 * <p>
 * Not suspicious: a user who uses device code routinely (a conference-room device, a CLI) — any device-code sign-in
 * in the history window, trusted locations included, makes it their habit; a device-code sign-in from a trusted
 * location is not itself reported.
 */
public final class DeviceCodePhishDetection implements Detection {
    public static final String ID = "device-code-phish";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Unusual device-code sign-in",
            Severity.MEDIUM, KillChainStage.INITIAL_ACCESS, List.of("T1528", "T1078.004"),
            "Device-code phishing (Storm-2372 and others) sends the victim a code to enter at microsoft.com/devicelogin; "
                    + "the victim signs in with their own MFA and the attacker's device receives the tokens. Users who never "
                    + "use device code and suddenly do, especially from a VPS, are the victims of it.",
            "A first-time legitimate use: Azure CLI or PowerShell on a headless machine, a new conference-room or "
                    + "smart-TV device, a Teams Rooms console being set up.",
            "Ask the user whether they entered a code and for what; check the session for mail access, inbox rules or "
                    + "device registration; if phished, revoke sessions, and consider blocking device code flow with a "
                    + "Conditional Access authentication-flows policy where it is not used.");

    private static final String EXCHANGE = "00000002-0000-0ff1-ce00-000000000000";
    private static final String GRAPH = "00000003-0000-0000-c000-000000000000";
    private static final Set<String> MAIL_OPERATIONS = Set.of("mailitemsaccessed", "send", "new-inboxrule",
            "set-inboxrule", "updateinboxrules");
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final int CAP = 2000;

    private final int historyDays;
    private final Duration followWindow;
    private final StateDescriptor<TreeMap<Long, Long>> habit;
    private final StateDescriptor<DeviceCodePhishState> recent;

    public DeviceCodePhishDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.historyDays = t.integer("historyDays", 30, 1, "device code use seen for the user within this time is normal for them");
        this.followWindow = t.duration("followWindow", Duration.ofMinutes(60),
                "mail access this long after the device-code sign-in is its evidence");
        // only users who used device code carry the long-lived habit; everyone's recent mail access lives briefly
        this.habit = new StateDescriptor<>(ID + "/habit", TreeMap::new, Duration.ofDays(historyDays), StateCodecs.DAYS);
        this.recent = new StateDescriptor<>(ID + "/recent", DeviceCodePhishState::new, followWindow.multipliedBy(2).plusMinutes(1),
                StateCodecs.DEVICE_CODE);
    }

    /** A device-code sign-in, or a mail access that may follow one. */
    record Row(long time, RecordRef source, EventKind kind, Network network, String session, String userAgent,
               UserAgents.Client client, String what, boolean hosting) implements Timed {
    }

    /** Pending device-code sign-ins and recent mail access. (The habit is a day → earliest device-code use map.) */
    static final class DeviceCodePhishState {
        final Pending<Row> flows = new Pending<>();
        final ArrayList<Row> mail = new ArrayList<>();
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(habit, recent);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        Row row;
        boolean flow = false, usedDeviceCode = false;
        if (event instanceof SignIn s && s.success() && !s.workload()) {
            usedDeviceCode = s.token().deviceCode();
            if (!usedDeviceCode && !mailResource(s)) return;
            Network n = SignInSignals.network(s, ctx.enrichment());
            boolean trusted = SignInSignals.trusted(s, n, ctx.enrichment().tenant());
            String what = (s.appName().isEmpty() ? s.appId() : s.appName())
                    + (s.resourceName().isEmpty() ? "" : " → " + s.resourceName());
            if (usedDeviceCode) {
                what += s.token().protocol().equalsIgnoreCase("deviceCode") ? " (device code protocol)" : " (token from a device code flow)";
            }
            // a device-code sign-in from a trusted place still makes device code the user's habit, but is not reported
            flow = usedDeviceCode && !trusted;
            // a few apps and resources name every row: one string each, not one per kept row of every user
            row = usedDeviceCode && trusted ? null
                    : new Row(s.time().toEpochMilli(), RecordRef.of(s), EventKind.SIGN_IN, n, s.sessionId().toLowerCase(Locale.ROOT),
                            s.userAgent(), UserAgents.client(s.userAgent(), s.device()), StringPool.of(what), n.hosting() && !trusted);
        } else if (event instanceof OfficeActivity o && o.success() && !o.systemActor()
                && MAIL_OPERATIONS.contains(o.operation().toLowerCase(Locale.ROOT))) {
            Network n = ctx.enrichment().network(o.ip(), 0);
            String ua = o.userAgent().isEmpty() ? SessionReplayUse.agentInClientInfo(o.clientInfo()) : o.userAgent();
            row = new Row(o.time().toEpochMilli(), RecordRef.of(o), EventKind.OFFICE_ACTIVITY, n, o.sessionId().toLowerCase(Locale.ROOT),
                    ua, UserAgents.client(ua), StringPool.of(o.workload() + " " + o.operation()), false);
        } else {
            return;
        }
        if (usedDeviceCode) {
            ValueState<TreeMap<Long, Long>> h = ctx.state(habit);
            TreeMap<Long, Long> usedOnDay = h.value();
            trim(usedOnDay, ctx.watermark());
            usedOnDay.merge(Math.floorDiv(event.time().toEpochMilli(), DAY), event.time().toEpochMilli(), Math::min);
            h.update(usedOnDay);
        }
        if (row == null) return;
        ValueState<DeviceCodePhishState> v = ctx.state(recent);
        DeviceCodePhishState st = v.value();
        trim(st, ctx.watermark());
        if (flow) st.flows.add(row, CAP, Timed.Cap.DROP_OLDEST);
        else Timed.insert(st.mail, row, CAP, Timed.Cap.DROP_OLDEST);
        v.update(st);
        if (flow) ctx.registerTimer(Timed.minuteAfter(row.instant().plus(followWindow)));
    }

    private static boolean mailResource(SignIn s) {
        return s.resourceId().equals(EXCHANGE) || s.resourceId().equals(GRAPH)
                || s.resourceName().toLowerCase(Locale.ROOT).contains("exchange");
    }

    /**
     * Drops what no alert still to come can use: device-code sign-ins still to be judged and any later one are at or
     * after the watermark minus one follow window, so older mail access and habit days are dead.
     */
    private void trim(DeviceCodePhishState st, Instant watermark) {
        if (watermark.equals(Instant.MIN) || watermark.equals(Instant.MAX)) return;
        long oldest = watermark.toEpochMilli() - followWindow.toMillis();
        // the rows are in time order: most calls find the oldest still needed and need not walk the list
        if (!st.mail.isEmpty() && st.mail.get(0).time() < oldest) st.mail.removeIf(r -> r.time() < oldest);
    }

    private void trim(TreeMap<Long, Long> usedOnDay, Instant watermark) {
        if (watermark.equals(Instant.MIN) || watermark.equals(Instant.MAX)) return;
        usedOnDay.headMap(Math.floorDiv(watermark.toEpochMilli() - followWindow.toMillis(), DAY) - historyDays).clear();
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<DeviceCodePhishState> v = ctx.state(recent);
        DeviceCodePhishState st = v.value();
        TreeMap<Long, Long> usedOnDay = ctx.state(habit).value();
        long cutoff = time.toEpochMilli() - followWindow.toMillis();
        st.flows.judge(cutoff, (i, first) -> {
            if (usedBefore(usedOnDay, first.time())) return;
            long end = first.time() + followWindow.toMillis();
            st.flows.reported(end);
            ctx.emit(alert(ctx, first, st, end));
        });
        st.flows.forgetUpTo(cutoff);
        if (!st.mail.isEmpty() && st.mail.get(0).time() <= cutoff) st.mail.removeIf(r -> r.time() <= cutoff);
        if (st.flows.isEmpty() && st.mail.isEmpty()) v.clear();
        else v.update(st);
    }

    /** A device-code sign-in strictly before {@code time} and within the history window: the user's habit. */
    private boolean usedBefore(TreeMap<Long, Long> usedOnDay, long time) {
        long day = Math.floorDiv(time, DAY);
        for (Map.Entry<Long, Long> d : usedOnDay.subMap(day - historyDays, true, day, true).entrySet()) {
            if (d.getValue() < time) return true;
        }
        return false;
    }

    private Alert alert(Context ctx, Row first, DeviceCodePhishState st, long end) {
        String user = ctx.user();
        List<Row> flows = new ArrayList<>();
        Set<String> sessions = new LinkedHashSet<>(), ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        for (Row r : st.flows.rows) {
            if (r.time() < first.time() || r.time() > end) continue;
            flows.add(r);
            if (!r.session().isEmpty()) sessions.add(r.session());
            ips.add(r.network().ip());
            if (r.network().asn() > 0) asns.add(r.network().asn());
            if (!r.userAgent().isEmpty()) agents.add(r.userAgent());
        }
        List<Row> mail = new ArrayList<>();
        for (Row r : st.mail) {
            if (r.time() <= first.time() || r.time() > end) continue;
            // the same session, address or ASN as the device-code sign-in (mailbox records carry no ASN, so the address)
            if ((!r.session().isEmpty() && sessions.contains(r.session())) || ips.contains(r.network().ip())
                    || (r.network().asn() > 0 && asns.contains(r.network().asn()))) mail.add(r);
        }
        boolean hosting = flows.stream().anyMatch(Row::hosting);
        List<Evidence> evidence = new ArrayList<>();
        for (Row r : flows) {
            evidence.add(new Evidence(r.source(), r.kind(), r.instant(),
                    "device-code sign-in to " + r.what() + " from " + r.network().describe() + " by " + r.client().label()));
        }
        for (Row r : mail) {
            evidence.add(new Evidence(r.source(), r.kind(), r.instant(),
                    "mail access after the device-code sign-in: " + r.what() + " from " + r.network().describe()));
        }
        StringBuilder why = new StringBuilder(user).append(" completed a device-code sign-in to ").append(first.what())
                .append(" at ").append(first.instant()).append(" from ").append(first.network().describe()).append(" by ")
                .append(first.client().label()).append(" and had not used device code in the previous ").append(historyDays)
                .append(" days");
        if (!mail.isEmpty()) {
            Set<String> what = new LinkedHashSet<>();
            for (Row r : mail) what.add(r.what());
            why.append("; within ").append(followWindow.toMinutes()).append(" min the same ")
                    .append(sessions.isEmpty() ? "network" : "session or network").append(" read mail (")
                    .append(mail.size()).append(mail.size() == 1 ? " access: " : " accesses: ").append(String.join(", ", what)).append(')');
        }
        why.append(". Device-code phishing hands the attacker the user's tokens after the user's own MFA.");
        double confidence = 0.5 + (hosting ? 0.2 : 0) + (mail.isEmpty() ? 0 : 0.2);
        Severity severity = hosting || !mail.isEmpty() ? Severity.HIGH : INFO.severity();
        Instant last = flows.get(flows.size() - 1).instant();
        if (!mail.isEmpty() && mail.get(mail.size() - 1).instant().isAfter(last)) last = mail.get(mail.size() - 1).instant();
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, first.source(), new Alerts.Finding(
                severity, Math.round(Math.min(confidence, 0.9) * 100) / 100.0,
                first.instant(), last, INFO.stage(), INFO.techniques(), why.toString(),
                new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), List.copyOf(sessions)),
                List.of(), evidence));
    }
}

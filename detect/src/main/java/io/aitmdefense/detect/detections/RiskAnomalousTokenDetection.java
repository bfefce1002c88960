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
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.model.RecordRef;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Identity Protection's own verdicts on the token: the {@code types} (anomalous token, token issuer anomaly,
 * attacker-in-the-middle, PRT access attempts, suspicious inbox rules or forwarding) alert on their own; the weaker
 * {@code combineTypes} (unfamiliar features, anonymized or malicious IP, new country, unlikely travel) only when two
 * different ones come within {@code combineWindow}, or one comes with a suspicious sign-in of the user (the sign-in's
 * own risk level does not count: it is the same detection seen again). Dismissed, remediated and confirmed-safe
 * detections are ignored. Detections of one user within {@code combineWindow} of the first form one alert.
 */
public final class RiskAnomalousTokenDetection implements Detection {
    public static final String ID = "risk-anomalous-token";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Identity Protection flagged the user's token",
            Severity.HIGH, KillChainStage.REPLAY, List.of("T1550.004", "T1557", "T1078.004"),
            "Identity Protection sees token properties no log shows: a token with unusual claims or lifetime, a token "
                    + "replayed from somewhere its issuing session never was, a sign-in relayed through a known AiTM proxy. "
                    + "Those detections are the closest thing to a direct observation of cookie theft.",
            "Offline detections are sometimes raised for a user's own second device; unfamiliarFeatures alone fires on "
                    + "new ISPs and travel, which is why it only counts here together with a second signal.",
            "Look at the sign-ins and non-interactive sign-ins around the detection for the session it names; revoke "
                    + "the user's sessions and check for inbox rules, consents and MFA registrations since.");

    private static final int CAP = 500;
    /** The default {@code types}; the rule export reads it too. */
    public static final List<String> TYPES = List.of("anomalousToken", "tokenIssuerAnomaly", "attackerinTheMiddle",
            "adversaryInTheMiddle", "attemptedPrtAccess", "suspiciousInboxForwarding", "mcasSuspiciousInboxManipulationRules");
    /** The default {@code combineTypes}; the rule export reads it too. */
    public static final List<String> COMBINE_TYPES = List.of("unfamiliarFeatures", "anonymizedIPAddress", "maliciousIPAddress",
            "suspiciousBrowser", "newCountry", "unlikelyTravel");

    private final Set<String> types;
    private final Set<String> combineTypes;
    private final Duration combineWindow;
    private final StateDescriptor<Pending<Hit>> state;
    private final StateDescriptor<SuspiciousSignInLedger> ledger;
    private final SessionReplayRule rule;

    public RiskAnomalousTokenDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.types = lower(t.strings("types", TYPES, "risk detection types that alert on their own"));
        this.combineTypes = lower(t.strings("combineTypes", COMBINE_TYPES,
                "types that alert only with a second type or a suspicious sign-in within combineWindow"));
        this.combineWindow = t.duration("combineWindow", Duration.ofHours(6), "how close the second signal must be");
        int historyDays = t.integer("historyDays", 14, 1,
                "MFA from a token is suspicious from a network without a sign-in of the user in this time");
        this.state = new StateDescriptor<>(ID + "/recent", Pending::new,
                combineWindow.multipliedBy(2).plusMinutes(1), StateCodecs.RISK);
        this.ledger = SuspiciousSignInLedger.state(historyDays);
        this.rule = SessionReplayRule.of(config);
    }

    private static Set<String> lower(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) out.add(v.toLowerCase(Locale.ROOT));
        return out;
    }

    /** One standing risk detection of a configured type. */
    record Hit(long time, RecordRef source, String type, String level, String timing, Network network, String userAgent,
               boolean alone) implements Timed {

        String describe() {
            return level + " " + type + " (" + timing + ")" + (network.ip().isEmpty() ? "" : " for " + network.describe());
        }
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state, ledger, SessionUses.STATE);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        SuspiciousSignInLedger.offerUse(ctx, rule, event, combineWindow.multipliedBy(2));
        if (event instanceof SignIn && SuspiciousSignInLedger.relevant(event)) {
            SuspiciousSignInLedger.record(ctx, ledger, event, combineWindow.multipliedBy(2));
            return;
        }
        String type = event instanceof RiskDetection r && !r.triaged() ? r.riskEventType().toLowerCase(Locale.ROOT) : "";
        boolean alone = types.contains(type);
        if (!alone && !combineTypes.contains(type)) return; // touch no state for the rest
        ValueState<Pending<Hit>> v = ctx.state(state);
        Pending<Hit> hits = v.value();
        if (event instanceof RiskDetection r) {
            Hit h = new Hit(r.time().toEpochMilli(), RecordRef.of(r), r.riskEventType(), r.riskLevel().isEmpty() ? "unrated" : r.riskLevel(),
                    r.timing().isEmpty() ? "timing unknown" : r.timing(), ctx.enrichment().network(r.ip(), 0), r.userAgent(), alone);
            if (!hits.add(h, CAP, Timed.Cap.DROP_LATEST)) return;
            ctx.registerTimer(Timed.minuteAfter(h.instant().plus(combineWindow)));
        }
        v.update(hits);
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<Pending<Hit>> v = ctx.state(state);
        Pending<Hit> hits = v.value();
        long cw = combineWindow.toMillis();
        long cutoff = time.toEpochMilli() - cw;
        SuspiciousSignInLedger signIns = ctx.state(ledger).value();
        SessionUses sessions = SessionUses.judged(ctx, rule, time.toEpochMilli());
        hits.judge(cutoff, (i, h) -> {
            List<Hit> episode = new ArrayList<>();
            for (int j = i; j < hits.rows.size() && hits.rows.get(j).time() <= h.time() + cw; j++) episode.add(hits.rows.get(j));
            List<SuspiciousSignInLedger.Mark> marks = signIns.suspiciousSignIns(h.time() - cw, h.time() + cw, sessions);
            boolean pair = episode.stream().anyMatch(o -> !o.type().equalsIgnoreCase(h.type()));
            if (!h.alone() && !pair && marks.isEmpty()) return;
            hits.reported(h.time() + cw);
            ctx.emit(alert(ctx, h, episode, marks));
        });
        // a later detection pairs with these up to a window before it
        hits.forgetUpTo(cutoff - cw);
        SuspiciousSignInLedger.trim(ctx, ledger, rule, time.toEpochMilli());
        if (hits.isEmpty()) v.clear();
        else v.update(hits);
    }

    private Alert alert(Context ctx, Hit first, List<Hit> episode, List<SuspiciousSignInLedger.Mark> marks) {
        String user = ctx.user();
        Set<String> ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>(), sessions = new LinkedHashSet<>(), what = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        List<Evidence> evidence = new ArrayList<>();
        boolean alone = false, high = false;
        for (Hit h : episode) {
            alone |= h.alone();
            high |= h.level().equalsIgnoreCase("high");
            what.add(h.describe());
            if (!h.network().ip().isEmpty()) ips.add(h.network().ip());
            if (h.network().asn() > 0) asns.add(h.network().asn());
            if (!h.userAgent().isEmpty()) agents.add(h.userAgent());
            evidence.add(new Evidence(h.source(), EventKind.RISK_DETECTION, h.instant(), "Identity Protection " + h.describe()));
        }
        for (SuspiciousSignInLedger.Mark m : marks) {
            if (!m.network().ip().isEmpty()) ips.add(m.network().ip());
            if (m.network().asn() > 0) asns.add(m.network().asn());
            if (!m.userAgent().isEmpty()) agents.add(m.userAgent());
            if (!m.session().isEmpty()) sessions.add(m.session());
            evidence.add(new Evidence(m.source(), m.kind(), Instant.ofEpochMilli(m.time()), m.describe()));
        }
        StringBuilder why = new StringBuilder("Identity Protection raised ").append(String.join(", ", what)).append(" for ")
                .append(user).append(" from ").append(first.instant());
        if (alone) {
            why.append(": a detection about the token itself, the trace of a stolen or replayed session");
        } else {
            long kinds = episode.stream().map(h -> h.type().toLowerCase(Locale.ROOT)).distinct().count();
            List<String> with = new ArrayList<>();
            if (kinds > 1) with.add(kinds + " kinds within " + combineWindow.toHours() + " h");
            if (!marks.isEmpty()) with.add("a suspicious " + marks.get(0).describeAt());
            why.append(": detections that are weak alone, here together: ").append(String.join(" and ", with));
        }
        why.append('.');
        Severity severity = alone || high || !marks.isEmpty() ? Severity.HIGH : Severity.MEDIUM;
        double confidence = (alone ? 0.75 : 0.5) + (marks.isEmpty() ? 0 : 0.1) + (high ? 0.05 : 0);
        Instant start = marks.isEmpty() || marks.get(0).time() > first.time() ? first.instant() : Instant.ofEpochMilli(marks.get(0).time());
        long last = episode.get(episode.size() - 1).time();
        if (!marks.isEmpty()) last = Math.max(last, marks.get(marks.size() - 1).time());
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, first.source(), new Alerts.Finding(
                severity, Math.round(Math.min(confidence, 0.9) * 100) / 100.0,
                start, Instant.ofEpochMilli(last), INFO.stage(), INFO.techniques(), why.toString(),
                new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), List.copyOf(sessions)),
                List.of(), evidence));
    }
}

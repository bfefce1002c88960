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
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.model.RecordRef;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A burst of at least {@code minSends} Send / SendAs / SendOnBehalf records within {@code window} from the session or
 * address of a suspicious sign-in of the user (within {@code suspiciousWindow} before the sends): the attacker mails
 * from the victim's account — payment-change requests to customers, or the next phishing wave to colleagues, who
 * trust the sender. Critical when most of the burst carries one subject: that is a phishing wave from the account.
 * <p>
 * The unified audit log's Send record names no recipients, so "many external recipients" cannot be judged from it;
 * the burst, its subjects and its tie to the suspicious session are what the log shows.
 */
public final class BecSendDetection implements Detection {
    public static final String ID = "bec-send";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Mail sent in bulk from a suspicious session",
            Severity.HIGH, KillChainStage.IMPACT, List.of("T1534", "T1657"),
            "Business email compromise and internal phishing both end in mail sent as the victim: invoices with new bank "
                    + "details to customers, or a phishing link to every colleague. Sent from the attacker's replayed session, "
                    + "those sends share its address or session id.",
            "A user who really signed in from a new network and then sent a newsletter or many replies; shared mailboxes "
                    + "used by several people (SendAs).",
            "Read the sent items' subjects and recipients (message trace); warn the recipients; revoke the user's sessions, "
                    + "remove inbox rules and forwarding, and check which other users received mail from the account.");

    private static final int CAP = 5000;
    private static final int MAX_EVIDENCE = 25;
    private static final Set<String> SEND_OPERATIONS = Set.of("send", "sendas", "sendonbehalf");

    private final Duration window;
    private final int minSends;
    private final Duration suspiciousWindow;
    private final StateDescriptor<Pending<Sent>> state;
    private final StateDescriptor<SuspiciousSignInLedger> ledger;
    private final SessionReplayRule rule;

    public BecSendDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.window = t.duration("window", Duration.ofMinutes(60), "sends in this time after the first form one burst");
        this.minSends = t.integer("minSends", 10, 1, "sends in the window from a suspicious session/IP");
        int historyDays = t.integer("historyDays", 14, 1, "how long a network counts as known to the user");
        this.suspiciousWindow = t.duration("suspiciousWindow", Duration.ofHours(12),
                "a suspicious sign-in this long before the sends ties their session/IP to it");
        this.state = new StateDescriptor<>(ID + "/recent", Pending::new, window.plusMinutes(1), StateCodecs.BEC_SEND);
        this.ledger = SuspiciousSignInLedger.state(historyDays);
        this.rule = SessionReplayRule.of(config);
    }

    /** One sent message. */
    record Sent(long time, RecordRef source, String operation, Network network, String session, String subject,
                String client) implements Timed {
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
        SuspiciousSignInLedger.offerUse(ctx, rule, event, window.plus(suspiciousWindow));
        if (SuspiciousSignInLedger.relevant(event)) {
            SuspiciousSignInLedger.record(ctx, ledger, event, window.plus(suspiciousWindow));
            return;
        }
        if (event instanceof OfficeActivity o && o.success() && !o.systemActor()
                && SEND_OPERATIONS.contains(o.operation().toLowerCase(Locale.ROOT))) {
            ValueState<Pending<Sent>> v = ctx.state(state);
            Pending<Sent> sends = v.value();
            String client = o.userAgent().isEmpty() ? o.clientInfo() : o.userAgent();
            Sent m = new Sent(o.time().toEpochMilli(), RecordRef.of(o), o.operation(), ctx.enrichment().network(o.ip(), 0),
                    o.sessionId(), o.subject(), client);
            if (!sends.add(m, CAP, Timed.Cap.DROP_OLDEST)) return;
            ctx.registerTimer(Timed.minuteAfter(m.instant().plus(window)));
            v.update(sends);
        }
        // touch no state for the rest: it would live for the whole history
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<Pending<Sent>> v = ctx.state(state);
        Pending<Sent> sends = v.value();
        long w = window.toMillis(), lookback = suspiciousWindow.toMillis();
        long cutoff = time.toEpochMilli() - w;
        List<List<SuspiciousSignInLedger.Mark>> marks = new ArrayList<>(1);
        sends.judge(cutoff, (i, first) -> {
            // one look at the ledger per timer: the first unjudged send is the earliest, and the watermark is past all
            if (marks.isEmpty()) marks.add(ctx.state(ledger).value().suspicious(first.time() - lookback, time.toEpochMilli(),
                    SessionUses.judged(ctx, rule, time.toEpochMilli())));
            List<SuspiciousSignInLedger.Mark> suspicious = marks.get(0);
            Optional<SuspiciousSignInLedger.Mark> tie = SuspiciousSignInLedger.Mark.behind(suspicious, first.time(), lookback,
                    first.session(), first.network());
            if (tie.isEmpty()) return;
            List<Sent> burst = new ArrayList<>();
            for (int j = i; j < sends.rows.size() && sends.rows.get(j).time() <= first.time() + w; j++) {
                Sent m = sends.rows.get(j);
                if (SuspiciousSignInLedger.Mark.behind(suspicious, m.time(), lookback, m.session(), m.network()).isPresent()) burst.add(m);
            }
            if (burst.size() < minSends) return;
            sends.reported(first.time() + w);
            ctx.emit(alert(ctx, burst, tie.get()));
        });
        sends.forgetUpTo(cutoff);
        SuspiciousSignInLedger.trim(ctx, ledger, rule, time.toEpochMilli());
        if (sends.isEmpty()) v.clear();
        else v.update(sends);
    }

    private Alert alert(Context ctx, List<Sent> burst, SuspiciousSignInLedger.Mark tie) {
        String user = ctx.user();
        Set<String> ips = new LinkedHashSet<>(), sessions = new LinkedHashSet<>(), clients = new LinkedHashSet<>(),
                agents = new LinkedHashSet<>(), operations = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        Map<String, Integer> bySubject = new HashMap<>();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(tie.source(), tie.kind(), Instant.ofEpochMilli(tie.time()), tie.describe()));
        if (!tie.userAgent().isEmpty()) agents.add(tie.userAgent());
        if (!tie.network().ip().isEmpty()) ips.add(tie.network().ip());
        if (tie.network().asn() > 0) asns.add(tie.network().asn());
        for (Sent m : burst) {
            if (!m.network().ip().isEmpty()) ips.add(m.network().ip());
            if (m.network().asn() > 0) asns.add(m.network().asn());
            if (!m.session().isEmpty()) sessions.add(m.session());
            if (!m.client().isEmpty()) clients.add(m.client());
            operations.add(m.operation());
            if (!m.subject().isEmpty()) bySubject.merge(m.subject(), 1, Integer::sum);
            if (evidence.size() >= MAX_EVIDENCE) continue; // the alert counts them all; the analyst needs a sample
            evidence.add(new Evidence(m.source(), EventKind.OFFICE_ACTIVITY, m.instant(), m.operation()
                    + (m.subject().isEmpty() ? "" : " '" + m.subject() + "'")
                    + (m.network().ip().isEmpty() ? "" : " from " + m.network().describe())));
        }
        Map.Entry<String, Integer> common = bySubject.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElse(null);
        boolean wave = common != null && common.getValue() * 2 >= burst.size() && common.getValue() >= 3;
        Sent first = burst.get(0), last = burst.get(burst.size() - 1);
        StringBuilder why = new StringBuilder(user).append(" sent ").append(burst.size()).append(" messages (")
                .append(String.join(", ", operations)).append(") between ").append(first.instant()).append(" and ")
                .append(last.instant()).append(" from ").append(ips.isEmpty() ? "an unknown address" : String.join(", ", ips));
        if (!clients.isEmpty()) why.append(" (client ").append(String.join(", ", clients)).append(')');
        why.append(", the same ").append(tie.session().isEmpty() ? "network" : "session or network").append(" as a suspicious ")
                .append(tie.describeAt());
        if (wave) {
            why.append("; ").append(common.getValue()).append(" of them with the subject '").append(common.getKey())
                    .append("' — a phishing or payment-fraud wave from the account");
        } else if (!bySubject.isEmpty()) {
            why.append("; subjects: '").append(String.join("', '", bySubject.keySet().stream().sorted().limit(5).toList())).append('\'');
        }
        why.append('.');
        Instant start = tie.time() < first.time() ? Instant.ofEpochMilli(tie.time()) : first.instant();
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, first.source(), new Alerts.Finding(
                wave ? Severity.CRITICAL : INFO.severity(), wave ? 0.85 : 0.7,
                start, last.instant(), wave ? KillChainStage.LATERAL_MOVEMENT : INFO.stage(), INFO.techniques(), why.toString(),
                new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), List.copyOf(sessions)),
                List.of(), evidence));
    }
}

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Mailbox read volume (MailItemsAccessed items: the messages in the record's folders, else its operation count) within
 * {@code window} of at least {@code minItems} from a session or address of a suspicious sign-in of the user (within
 * {@code suspiciousWindow} before the reads), or at least {@code baselineFactor} times the user's usual items per
 * active hour over the previous {@code historyDays} (and at least {@code minBaselineItems}). After a replay the
 * attacker syncs or searches the mailbox for invoices, payment threads and credentials.
 * <p>
 * The baseline needs {@code minBaselineHours} active hours of history; without it only the suspicious-session path can
 * fire. Reads of one user within {@code window} of the first form one alert.
 */
public final class MassMailAccessDetection implements Detection {
    public static final String ID = "mass-mail-access";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Mass mailbox reading",
            Severity.HIGH, KillChainStage.COLLECTION, List.of("T1114.002"),
            "With a stolen session the attacker reads or syncs the mailbox — finance threads, invoices, password mails — "
                    + "to prepare business email compromise. MailItemsAccessed records every read; a burst of them from the "
                    + "attacker's session or address, or far above what the user normally reads, is that collection.",
            "A new Outlook profile or phone syncing the whole mailbox; an archiving or e-discovery tool acting as the "
                    + "user; a user returning from leave.",
            "Check the client (ClientInfoString, app id) and address of the reads against the user's devices; if it is "
                    + "the attacker, treat the mailbox content as disclosed, revoke sessions and look for sends and rules.");

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final int CAP = 5000;
    private static final int MAX_EVIDENCE = 25;

    private final Duration window;
    private final int minItems;
    private final double baselineFactor;
    private final int minBaselineItems;
    private final int minBaselineHours;
    private final int historyDays;
    private final Duration suspiciousWindow;
    private final StateDescriptor<MassMailAccessState> state;
    private final StateDescriptor<SuspiciousSignInLedger> ledger;
    private final SessionReplayRule rule;

    public MassMailAccessDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.window = t.duration("window", Duration.ofMinutes(60), "reads in this time after the first form one burst");
        this.minItems = t.integer("minItems", 100, "MailItemsAccessed items in the window from one suspicious session/IP");
        this.baselineFactor = t.decimal("baselineFactor", 10, "or this many times the user's hourly baseline");
        this.minBaselineItems = t.integer("minBaselineItems", 50, "... and at least this many items (far above a tiny baseline is still little)");
        this.minBaselineHours = t.integer("minBaselineHours", 8, "active hours of history before a baseline counts");
        this.historyDays = t.integer("historyDays", 14, 1, "baseline history; also how long a network counts as known to the user");
        this.suspiciousWindow = t.duration("suspiciousWindow", Duration.ofHours(12),
                "a suspicious sign-in this long before the reads ties their session/IP to it");
        this.state = new StateDescriptor<>(ID + "/recent", MassMailAccessState::new,
                Duration.ofDays(historyDays).plus(window).plusMinutes(1), StateCodecs.MASS_MAIL);
        this.ledger = SuspiciousSignInLedger.state(historyDays);
        this.rule = SessionReplayRule.of(config);
    }

    /** One MailItemsAccessed record. */
    record Access(long time, RecordRef source, Network network, String session, int items, String client) implements Timed {
    }

    static final class MassMailAccessState {
        final Pending<Access> accesses = new Pending<>();
        /** Hour index → items read in it: the baseline. */
        final HourlyCounts itemsByHour = new HourlyCounts();
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
                && o.operation().equalsIgnoreCase("MailItemsAccessed")) {
            ValueState<MassMailAccessState> v = ctx.state(state);
            MassMailAccessState st = v.value();
            String client = o.userAgent().isEmpty() ? o.clientInfo() : o.userAgent();
            Access a = new Access(o.time().toEpochMilli(), RecordRef.of(o), ctx.enrichment().network(o.ip(), 0), o.sessionId(),
                    Math.max(1, o.itemCount()), client);
            if (!st.accesses.add(a, CAP, Timed.Cap.DROP_OLDEST)) return;
            st.itemsByHour.add(Math.floorDiv(a.time(), HOUR), a.items());
            ctx.registerTimer(Timed.minuteAfter(a.instant().plus(window)));
            v.update(st);
        }
        // touch no state for the rest: it would live for the whole history
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<MassMailAccessState> v = ctx.state(state);
        MassMailAccessState st = v.value();
        long w = window.toMillis();
        long cutoff = time.toEpochMilli() - w;
        List<List<SuspiciousSignInLedger.Mark>> looked = new ArrayList<>(1);
        List<Access> rows = st.accesses.rows;
        st.accesses.judge(cutoff, (i, first) -> {
            List<Access> burst = new ArrayList<>();
            for (int j = i; j < rows.size() && rows.get(j).time() <= first.time() + w; j++) burst.add(rows.get(j));
            long total = burst.stream().mapToLong(Access::items).sum();
            if (total < minItems && total < minBaselineItems) return; // too little on either path
            // one look at the ledger per timer: the first unjudged read is the earliest, and the watermark is past all
            if (looked.isEmpty()) looked.add(ctx.state(ledger).value().suspicious(first.time() - suspiciousWindow.toMillis(), time.toEpochMilli(),
                    SessionUses.judged(ctx, rule, time.toEpochMilli())));
            List<SuspiciousSignInLedger.Mark> marks = looked.get(0);
            List<Access> tied = new ArrayList<>();
            SuspiciousSignInLedger.Mark tie = null;
            for (Access a : burst) {
                Optional<SuspiciousSignInLedger.Mark> m = SuspiciousSignInLedger.Mark.behind(marks, a.time(),
                        suspiciousWindow.toMillis(), a.session(), a.network());
                if (m.isEmpty()) continue;
                tied.add(a);
                if (tie == null) tie = m.get();
            }
            long tiedItems = tied.stream().mapToLong(Access::items).sum();
            Baseline baseline = baseline(st.itemsByHour, first.time());
            boolean fromSuspicious = !tied.isEmpty() && tied.get(0) == first && tiedItems >= minItems;
            boolean aboveBaseline = baseline.hours() >= minBaselineHours && total >= minBaselineItems
                    && total >= baselineFactor * baseline.perHour();
            if (!fromSuspicious && !aboveBaseline) return;
            st.accesses.reported(first.time() + w);
            ctx.emit(alert(ctx, fromSuspicious ? tied : burst, fromSuspicious ? tiedItems : total,
                    fromSuspicious ? tie : null, aboveBaseline ? baseline : null));
        });
        st.accesses.forgetUpTo(cutoff);
        st.itemsByHour.forgetBefore(Math.floorDiv(cutoff, HOUR) - historyDays * 24L);
        SuspiciousSignInLedger.trim(ctx, ledger, rule, time.toEpochMilli());
        if (st.accesses.isEmpty() && st.itemsByHour.isEmpty()) v.clear();
        else v.update(st);
    }

    /** Items per active hour over the history before the hour of {@code time}, and how many active hours. */
    record Baseline(double perHour, int hours) {
    }

    private Baseline baseline(HourlyCounts itemsByHour, long time) {
        long hour = Math.floorDiv(time, HOUR);
        long sum = itemsByHour.sum(hour - historyDays * 24L, hour);
        int hours = itemsByHour.hours(hour - historyDays * 24L, hour);
        return new Baseline(hours == 0 ? 0 : (double) sum / hours, hours);
    }

    private Alert alert(Context ctx, List<Access> reads, long items, SuspiciousSignInLedger.Mark tie, Baseline baseline) {
        String user = ctx.user();
        Set<String> ips = new LinkedHashSet<>(), sessions = new LinkedHashSet<>(), clients = new LinkedHashSet<>(), agents = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        List<Evidence> evidence = new ArrayList<>();
        if (tie != null) {
            evidence.add(new Evidence(tie.source(), tie.kind(), Instant.ofEpochMilli(tie.time()), tie.describe()));
            if (!tie.userAgent().isEmpty()) agents.add(tie.userAgent());
        }
        for (Access a : reads) {
            if (!a.network().ip().isEmpty()) ips.add(a.network().ip());
            if (a.network().asn() > 0) asns.add(a.network().asn());
            if (!a.session().isEmpty()) sessions.add(a.session());
            if (!a.client().isEmpty()) clients.add(a.client());
            if (evidence.size() >= MAX_EVIDENCE) continue; // the alert counts them all; the analyst needs a sample
            evidence.add(new Evidence(a.source(), EventKind.OFFICE_ACTIVITY, a.instant(), "MailItemsAccessed, " + a.items()
                    + (a.items() == 1 ? " item" : " items") + (a.network().ip().isEmpty() ? "" : " from " + a.network().describe())
                    + (a.client().isEmpty() ? "" : " by " + a.client())));
        }
        Access first = reads.get(0), last = reads.get(reads.size() - 1);
        StringBuilder why = new StringBuilder(user).append("'s mailbox had ").append(items).append(" items read in ")
                .append(reads.size()).append(reads.size() == 1 ? " MailItemsAccessed record" : " MailItemsAccessed records")
                .append(" between ").append(first.instant()).append(" and ").append(last.instant());
        if (!ips.isEmpty()) why.append(" from ").append(String.join(", ", ips));
        if (!clients.isEmpty()) why.append(" (client ").append(String.join(", ", clients)).append(')');
        if (tie != null) why.append(", the same ").append(tie.session().isEmpty() ? "network" : "session or network")
                .append(" as a suspicious ").append(tie.describeAt());
        if (baseline != null) {
            why.append(tie != null ? "; " : ", ").append(String.format(Locale.ROOT,
                    "%.0f times the user's usual %.1f items per active hour over %d active hours", items / Math.max(baseline.perHour(), 1e-9),
                    baseline.perHour(), baseline.hours()));
        }
        why.append('.');
        Severity severity = tie != null ? Severity.HIGH : Severity.MEDIUM;
        double confidence = (tie != null ? 0.7 : 0.45) + (tie != null && baseline != null ? 0.15 : 0);
        if (tie != null && !tie.network().ip().isEmpty()) {
            ips.add(tie.network().ip());
            if (tie.network().asn() > 0) asns.add(tie.network().asn());
        }
        Instant start = tie != null && tie.time() < first.time() ? Instant.ofEpochMilli(tie.time()) : first.instant();
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, first.source(), new Alerts.Finding(
                severity, Math.round(confidence * 100) / 100.0,
                start, last.instant(), INFO.stage(), INFO.techniques(), why.toString(),
                new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), List.copyOf(sessions)),
                List.of(), evidence));
    }
}

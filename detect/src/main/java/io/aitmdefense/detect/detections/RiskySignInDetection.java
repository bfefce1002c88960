package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A successful sign-in that Identity Protection rated high — its sign-in risk or its aggregated risk — and that nobody
 * dismissed or remediated. Visible by itself as a low alert, one per user and UTC day (the day's first such sign-in,
 * with how many followed): it joins the user's incident when a replay or persistence alert does, and other
 * detections already count it as a suspicious sign-in.
 */
public final class RiskySignInDetection implements Detection {
    public static final String ID = "risky-signin";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Successful sign-in at high risk, not dismissed",
            Severity.LOW, KillChainStage.REPLAY, List.of("T1078.004"),
            "Identity Protection rates a sign-in high when it sees what the logs do not: a known attacker address, a "
                    + "token replayed, a password sprayed. A high-risk sign-in that succeeded and was neither dismissed nor "
                    + "remediated means someone may be in the account now.",
            "Travel and new devices behind offline detections; Identity Protection's own false positives that the "
                    + "tenant triages in the portal instead of dismissing them.",
            "Open the sign-in in Identity Protection and read its risk detections; if confirmed, confirm the user "
                    + "compromised (it revokes sessions) and reset the password; if not, dismiss the risk so it stops here.");

    private static final long DAY = Duration.ofDays(1).toMillis();

    private final StateDescriptor<TreeMap<Long, Day>> state;

    public RiskySignInDetection(DetectConfig config) {
        config.detection(ID);
        this.state = new StateDescriptor<>(ID + "/days", TreeMap::new, Duration.ofDays(2), CODEC);
    }

    /** A day's first risky sign-in (in {@link Timed#ORDER}) and how many there were. */
    record Day(Risky first, int count) {
    }

    record Risky(long time, RecordRef source, Network network, String what, String risk, String session,
                 String userAgent) implements Timed {
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        if (!(event instanceof SignIn s) || !s.success() || s.workload() || !s.risk().atRisk()) return;
        String during = s.risk().levelDuringSignIn().toLowerCase(Locale.ROOT), aggregated = s.risk().levelAggregated().toLowerCase(Locale.ROOT);
        if (!during.equals("high") && !aggregated.equals("high")) return;
        Network n = SignInSignals.network(s, ctx.enrichment());
        String risk = (during.equals("high") ? "sign-in risk high" : "aggregated risk high")
                + (s.risk().eventTypes().isEmpty() ? "" : " (" + String.join(", ", s.risk().eventTypes()) + ")")
                + (s.risk().state().isEmpty() ? "" : ", " + s.risk().state());
        Risky r = new Risky(s.time().toEpochMilli(), RecordRef.of(s), n, (s.interactive() ? "sign-in to " : "non-interactive sign-in to ")
                + (s.appName().isEmpty() ? s.appId() : s.appName()), risk, s.sessionId(), s.userAgent());
        ValueState<TreeMap<Long, Day>> v = ctx.state(state);
        TreeMap<Long, Day> days = v.value();
        long day = Math.floorDiv(r.time(), DAY);
        Day d = days.get(day);
        if (d == null) ctx.registerTimer(Instant.ofEpochMilli((day + 1) * DAY).plus(1, ChronoUnit.MINUTES));
        days.put(day, d == null ? new Day(r, 1) : new Day(Timed.ORDER.compare(r, d.first()) < 0 ? r : d.first(), d.count() + 1));
        v.update(days);
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<TreeMap<Long, Day>> v = ctx.state(state);
        TreeMap<Long, Day> days = v.value();
        long over = Math.floorDiv(time.toEpochMilli(), DAY); // days before this one are complete
        while (!days.isEmpty() && days.firstKey() < over) {
            Day d = days.pollFirstEntry().getValue();
            ctx.emit(alert(ctx, d));
        }
        if (days.isEmpty()) v.clear();
        else v.update(days);
    }

    private static Alert alert(Context ctx, Day d) {
        Risky r = d.first();
        String why = ctx.user() + "'s " + r.what() + " from " + r.network().describe() + " at " + r.instant()
                + " succeeded with " + r.risk() + (d.count() > 1 ? "; " + (d.count() - 1) + " more such sign-ins that day" : "")
                + ". Identity Protection did not dismiss or remediate it.";
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), ctx.user(), r.source(), new Alerts.Finding(Severity.LOW, 0.5,
                r.instant(), r.instant(), INFO.stage(), INFO.techniques(), why,
                new Alert.Infrastructure(List.of(r.network().ip()), r.network().asn() > 0 ? List.of(r.network().asn()) : List.of(),
                        r.userAgent().isEmpty() ? List.of() : List.of(r.userAgent()),
                        r.session().isEmpty() ? List.of() : List.of(r.session().toLowerCase(Locale.ROOT))),
                List.of(), List.of(new Evidence(r.source(), EventKind.SIGN_IN, r.instant(), r.what() + ": " + r.risk()))));
    }

    static final StateCodec<TreeMap<Long, Day>> CODEC = StateCodecs.v1("risky sign-in days", (days, out) -> {
        StateIo.varInt(days.size(), out);
        for (var e : days.entrySet()) {
            StateIo.varLong(e.getKey(), out);
            Risky r = e.getValue().first();
            StateIo.varLong(r.time(), out);
            StateIo.source(r.source(), out);
            StateIo.network(r.network(), out);
            StateIo.str(r.what(), out);
            StateIo.str(r.risk(), out);
            StateIo.str(r.session(), out);
            StateIo.str(r.userAgent(), out);
            StateIo.varInt(e.getValue().count(), out);
        }
    }, in -> {
        TreeMap<Long, Day> days = new TreeMap<>();
        for (int n = StateIo.varInt(in); n > 0; n--) {
            long day = StateIo.varLong(in);
            Risky r = new Risky(StateIo.varLong(in), StateIo.source(in), StateIo.network(in), StateIo.str(in), StateIo.str(in),
                    StateIo.str(in), StateIo.str(in));
            days.put(day, new Day(r, StateIo.varInt(in)));
        }
        return days;
    });
}

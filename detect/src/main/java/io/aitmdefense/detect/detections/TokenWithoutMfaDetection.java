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
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.model.RecordRef;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An interactive sign-in whose MFA requirement was "satisfied by claim in the token" ("Previously satisfied") from a
 * network or device the user has not used in {@code historyDays}: the replay path never shows an MFA prompt, and a
 * replayed cookie arrives from the attacker's network. Judged when the watermark passes the sign-in, so the history
 * before it is complete whatever the arrival order.
 * <p>
 * Not suspicious: a device id seen before (the user's own machine on a new network), a trusted or Microsoft network,
 * a primary-refresh-token sign-in from a managed device (Windows SSO), a sign-in where no MFA was required, and a user
 * with no history at all in the window — without a baseline nothing is "new", and calling everything new would flood
 * the first days of every run.
 */
public final class TokenWithoutMfaDetection implements Detection {
    public static final String ID = "token-without-mfa";

    static final DetectionInfo INFO = new DetectionInfo(ID, "MFA satisfied by a token from a new network or device",
            Severity.MEDIUM, KillChainStage.REPLAY, List.of("T1550.004", "T1078.004"),
            "A stolen session cookie or refresh token carries the victim's MFA claim: the attacker's sign-in reads "
                    + "\"MFA requirement satisfied by claim in the token\" and shows no prompt. Seen from a network or device "
                    + "the user has never used, that is the replay, not the user.",
            "A user on a new network (travel, new home ISP) with an unregistered device whose browser still holds a "
                    + "valid session; a new corporate egress not yet listed as a trusted location.",
            "Ask the user whether they signed in from that network at that time; check the session for use from other "
                    + "networks and for inbox rules, consents or MFA registrations; if not theirs, revoke sessions and "
                    + "reset credentials.");

    private final int historyDays;
    private final StateDescriptor<TokenWithoutMfaState> state;

    public TokenWithoutMfaDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.historyDays = t.integer("historyDays", 14, 1, "a network or device seen for the user within this time is not new");
        this.state = new StateDescriptor<>(ID + "/history", TokenWithoutMfaState::new, Duration.ofDays(historyDays),
                StateCodecs.TOKEN_WITHOUT_MFA);
    }

    /** A token-satisfied interactive sign-in waiting for its history to be complete. */
    record Candidate(long time, RecordRef source, Network network, String deviceId, String deviceName,
                     UserAgents.Client client, String userAgent, String app, String session, List<String> mfaPolicies,
                     String authRequirement, boolean hosting) implements Timed {
    }

    /** Networks (block → a representative address) and device ids the user signed in from, and pending candidates. */
    static final class TokenWithoutMfaState {
        final TokenWithoutMfaHistory<Network> networks = new TokenWithoutMfaHistory<>(256);
        final TokenWithoutMfaHistory<String> devices = new TokenWithoutMfaHistory<>(64);
        final Pending<Candidate> pending = new Pending<>();
        /** Watermark at the last forgetting: history is trimmed as the watermark moves, not only at timers. */
        long trimmedAt = Long.MIN_VALUE;

        /**
         * Drops days before the window of any sign-in still to come: those are at or after the watermark (earlier
         * ones are late and dropped by the engine), so this cannot change an alert.
         */
        void trim(long watermark, int days) {
            if (trimmedAt != Long.MIN_VALUE && watermark - trimmedAt < Duration.ofDays(1).toMillis()) return;
            trimmedAt = watermark;
            networks.forgetBefore(watermark, days);
            devices.forgetBefore(watermark, days);
        }
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        if (!(event instanceof SignIn s) || !s.success() || s.workload()) return;
        Network n = SignInSignals.network(s, ctx.enrichment());
        ValueState<TokenWithoutMfaState> v = ctx.state(state);
        TokenWithoutMfaState st = v.value();
        Instant wm = ctx.watermark();
        if (!wm.equals(Instant.MIN) && !wm.equals(Instant.MAX)) st.trim(wm.toEpochMilli(), historyDays);
        long t = s.time().toEpochMilli();
        if (!n.ip().isEmpty()) st.networks.record(n.block(), n, t);
        if (!s.device().id().isEmpty()) st.devices.record(s.device().id(), s.device().name(), t);
        if (candidate(s, n, ctx.enrichment().tenant())) {
            Candidate c = new Candidate(t, RecordRef.of(s), n, s.device().id(), s.device().name(),
                    UserAgents.client(s.userAgent(), s.device()), s.userAgent(),
                    s.appName().isEmpty() ? s.appId() : s.appName(), s.sessionId(), mfaPolicies(s), s.authRequirement(),
                    n.hosting());
            // not capped: the timers judge and drop what is pending a minute later
            st.pending.add(c, Integer.MAX_VALUE, Timed.Cap.DROP_LATEST);
            ctx.registerTimer(Timed.minuteAfter(s.time()));
        }
        v.update(st);
    }

    /**
     * An interactive sign-in whose required MFA a token claim satisfied, from a network the tenant does not vouch for
     * and not by Windows SSO: the one rule for it, which the suspicious-sign-in ledger applies too.
     */
    static boolean candidate(SignIn s, Network n, TenantContext tenant) {
        if (!s.interactive() || !s.satisfiedByToken() || !mfaRequired(s)) return false;
        if (SignInSignals.trusted(s, n, tenant) || n.kind() == NetworkKind.MICROSOFT) return false;
        // Windows SSO: the primary refresh token of a managed device legitimately satisfies MFA
        boolean managedPrt = s.token().incomingTokenType().equalsIgnoreCase("primaryRefreshToken")
                && (s.device().managed() || s.device().compliant());
        return !managedPrt;
    }

    /** MFA was demanded: by an enforced CA policy that applied, or as the sign-in's own requirement. */
    static boolean mfaRequired(SignIn s) {
        return !mfaPolicies(s).isEmpty() || s.authRequirement().equalsIgnoreCase("multiFactorAuthentication")
                || s.statusDetail().toLowerCase(Locale.ROOT).contains("mfa requirement satisfied by claim");
    }

    private static List<String> mfaPolicies(SignIn s) {
        List<String> names = new ArrayList<>();
        for (CaResult p : s.caPolicies()) {
            if (!p.result().equals("success") && !p.result().equals("failure")) continue;
            for (String g : p.grantControls()) {
                String control = g.toLowerCase(Locale.ROOT);
                if (control.contains("mfa") || control.contains("multifactor") || control.contains("authenticationstrength")) {
                    names.add(p.displayName().isEmpty() ? p.id() : p.displayName());
                    break;
                }
            }
        }
        return names;
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<TokenWithoutMfaState> v = ctx.state(state);
        TokenWithoutMfaState st = v.value();
        long now = time.toEpochMilli();
        st.pending.judge(now, (i, c) -> judge(c, st, ctx));
        st.pending.forgetUpTo(now);
        st.trim(now, historyDays);
        if (st.pending.isEmpty() && st.networks.isEmpty() && st.devices.isEmpty()) v.clear();
        else v.update(st);
    }

    private void judge(Candidate c, TokenWithoutMfaState st, Context ctx) {
        if (!st.networks.anySeenBefore(c.time(), historyDays, n -> true)) return; // no baseline for this user: nothing can be called new
        // the same ASN, or a v4/v6 pair without ASNs that cannot be told apart, is a known network
        boolean networkSeen = UserHabits.knownNetwork(st.networks, c.network(), c.time(), historyDays);
        boolean newDevice = !c.deviceId().isEmpty() && !st.devices.seenBefore(c.deviceId(), c.time(), historyDays);
        boolean isNew = c.deviceId().isEmpty() ? !networkSeen : newDevice;
        if (isNew) ctx.emit(alert(ctx, c, newDevice));
    }

    private Alert alert(Context ctx, Candidate c, boolean newDevice) {
        String user = ctx.user();
        String what = newDevice
                ? "device " + c.deviceId() + (c.deviceName().isEmpty() ? "" : " (" + c.deviceName() + ")")
                        + " at " + c.network().describe() + ", a device not seen for this user in the previous " + historyDays + " days"
                : c.network().describe() + ", a network not seen for this user in the previous " + historyDays + " days";
        String demanded = c.mfaPolicies().isEmpty() ? "the MFA the sign-in required"
                : "the MFA that policy '" + String.join("', '", c.mfaPolicies()) + "' demands";
        String explanation = user + " signed in interactively to " + c.app() + " at " + c.instant() + " from " + what
                + ", without performing MFA: " + demanded + " was satisfied by a claim in the token (authentication "
                + "requirement " + c.authRequirement() + "), the trace of a replayed session; client " + c.client().label()
                + (c.deviceId().isEmpty() ? ", unregistered device" : "") + ".";
        double confidence = 0.55 + (c.mfaPolicies().isEmpty() ? 0 : 0.15) + (c.hosting() ? 0.15 : 0);
        Evidence evidence = new Evidence(c.source(), EventKind.SIGN_IN, c.instant(),
                "interactive sign-in to " + c.app() + " from " + c.network().describe() + " by " + c.client().label()
                        + ", MFA satisfied by a claim in the token" + (c.userAgent().isEmpty() ? "" : " ('" + c.userAgent() + "')"));
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, c.source(), new Alerts.Finding(
                c.hosting() ? Severity.HIGH : INFO.severity(), Math.round(Math.min(confidence, 0.9) * 100) / 100.0,
                c.instant(), c.instant(), INFO.stage(), INFO.techniques(), explanation,
                new Alert.Infrastructure(List.of(c.network().ip()), c.network().asn() > 0 ? List.of(c.network().asn()) : List.of(), c.userAgent().isEmpty() ? List.of() : List.of(c.userAgent()), c.session().isEmpty() ? List.of() : List.of(c.session())),
                List.of(), List.of(evidence)));
    }
}

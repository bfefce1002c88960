package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateCodec;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.detect.api.ValueState;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * OAuth authorization-code phishing of a first-party client (ConsentFix and its kin): the victim is sent to a real
 * Microsoft sign-in page for Visual Studio Code or Azure CLI, signs in from home with their own MFA, and pastes the
 * resulting localhost URL — the authorization code — into the attacker's page; the attacker redeems it elsewhere
 * minutes later. Here: an interactive sign-in of one of {@code clients}, then within {@code window} a sign-in of the
 * same client from a really different network the user has not used in {@code historyDays}. High when the user had
 * not used that client before the sign-in or the second network is an untrusted hosting one; medium otherwise. The
 * user's own registered device, trusted and Microsoft networks are not judged; a developer's devbox or Codespace that
 * the user signs in from regularly is a known network.
 */
public final class AuthCodePhishDetection implements Detection {
    public static final String ID = "auth-code-phish";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Authorization code of a first-party client redeemed from elsewhere",
            Severity.MEDIUM, KillChainStage.INITIAL_ACCESS, List.of("T1528", "T1566.002", "T1550.001"),
            "Authorization-code phishing needs no proxy and no consent prompt: the victim signs in to a genuine Microsoft "
                    + "page for a trusted first-party client (Visual Studio Code, Azure CLI), with their own MFA, and hands "
                    + "the code in the redirect URL to the attacker, who redeems it for tokens from their own machine. The "
                    + "trace is the client's sign-in from the victim's network followed minutes later by the same client "
                    + "from another network the user never used.",
            "A developer authenticating Visual Studio Code or Azure CLI locally for a remote machine (a new devbox, "
                    + "Codespace or VM) used for the first time; a sign-in just before moving between networks.",
            "Ask the user whether they signed in to that tool and pasted a link or code anywhere; if not a tool they "
                    + "use, revoke the user's refresh tokens and sessions and review what the tokens reached (Graph, "
                    + "Exchange, Azure) from the second network.");

    public static final List<String> CLIENTS = List.of(
            "aebc6443-996d-45c2-90f0-388ff96faa56", // Visual Studio Code
            "04b07795-8ddb-461a-bbee-02f9e1bf7b46", // Microsoft Azure CLI
            "1950a258-227b-4e31-a9cf-717495945fc2", // Microsoft Azure PowerShell
            "14d82eec-204b-4c2f-b7e8-296a70dab67e", // Microsoft Graph Command Line Tools
            "872cd9fa-d31f-45e0-9eab-6e460a02d1f1"); // Visual Studio

    private static final int CAP = 500;

    private final Duration window;
    private final Duration minHistory;
    private final Set<String> clients;
    private final StateDescriptor<Pending<Use>> state;
    private final StateDescriptor<UserHabits> habits;

    public AuthCodePhishDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.window = t.duration("window", Duration.ofMinutes(30), "the code is redeemed this long after the interactive sign-in");
        this.minHistory = t.duration("minHistory", Duration.ofDays(1),
                "judge only once the logs hold this much of the user's sign-ins (before, every network is new)");
        int historyDays = t.integer("historyDays", 14, 1, "a network is new without a sign-in of the user from it in this time");
        Set<String> ids = new LinkedHashSet<>();
        for (String id : t.strings("clients", CLIENTS, "first-party public clients whose authorization codes are phished")) {
            ids.add(id.toLowerCase(Locale.ROOT));
        }
        this.clients = Set.copyOf(ids);
        this.state = new StateDescriptor<>(ID + "/pending", Pending::new, window.multipliedBy(2).plusMinutes(2), CODEC);
        this.habits = UserHabits.state(historyDays);
    }

    /** A sign-in of one of the clients: the victim's interactive one, or a later use of what it issued. */
    record Use(long time, RecordRef source, boolean interactive, Network network, String appId, String app,
               String resource, String deviceId, String userAgent, boolean judge) implements Timed {
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state, habits);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        if (!(event instanceof SignIn s) || !UserHabits.relevant(s)) return;
        Network n = SignInSignals.network(s, ctx.enrichment());
        UserHabits.record(ctx, habits, s, n);
        String app = s.appId().toLowerCase(Locale.ROOT);
        if (n.ip().isEmpty() || !clients.contains(app)) return;
        boolean judge = n.kind() != NetworkKind.MICROSOFT && !SignInSignals.trusted(s, n, ctx.enrichment().tenant());
        if (!judge && !s.interactive()) return;
        ValueState<Pending<Use>> v = ctx.state(state);
        Pending<Use> pending = v.value();
        Use u = new Use(s.time().toEpochMilli(), RecordRef.of(s), s.interactive(), n, app,
                s.appName().isEmpty() ? s.appId() : s.appName(), s.resourceName().isEmpty() ? s.resourceId() : s.resourceName(),
                s.device().id(), s.userAgent(), judge);
        if (!pending.add(u, CAP, Timed.Cap.DROP_LATEST)) return;
        ctx.registerTimer(Timed.minuteAfter(u.instant()));
        v.update(pending);
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<Pending<Use>> v = ctx.state(state);
        Pending<Use> pending = v.value();
        long now = time.toEpochMilli();
        UserHabits h = ctx.state(habits).value();
        pending.judge(now, (i, r) -> {
            if (r.judge()) judge(ctx, pending, h, i, r);
        });
        // an interactive sign-in stays while a later redemption may still point back to it
        pending.forgetUpTo(now - window.toMillis());
        UserHabits.trim(ctx, habits, now);
        if (pending.isEmpty()) v.clear();
        else v.update(pending);
    }

    private void judge(Context ctx, Pending<Use> pending, UserHabits h, int index, Use r) {
        Use signIn = null;
        for (int k = index - 1; k >= 0 && signIn == null; k--) {
            Use u = pending.rows.get(k);
            if (u.time() < r.time() - window.toMillis()) break;
            if (u.interactive() && u.appId().equals(r.appId()) && SignInSignals.differentNetworks(u.network(), r.network())) signIn = u;
        }
        if (signIn == null) return;
        if (!h.holdsHistory(r.time(), minHistory) || h.knownNetwork(r.network(), r.time())) return;
        if (h.knownDevice(r.deviceId(), r.time())) return;
        boolean newClient = !h.knownApp(r.appId(), signIn.time());
        boolean hosting = r.network().hosting();
        Severity severity = newClient || hosting ? Severity.HIGH : Severity.MEDIUM;
        long minutes = Duration.ofMillis(r.time() - signIn.time()).toMinutes();
        String why = ctx.user() + " signed in to " + signIn.app() + " from " + signIn.network().describe() + " at "
                + signIn.instant() + (newClient ? ", a client the user had not used " + h.held(signIn.time()) : "") + "; "
                + minutes + " min later " + r.app() + (r.resource().isEmpty() ? "" : " (" + r.resource() + ")")
                + " was signed in " + (r.interactive() ? "" : "non-interactively ") + "from " + r.network().describe()
                + ", a network the user has no sign-in from " + h.held(r.time())
                + ": the authorization code or its tokens were redeemed away from the user.";
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(signIn.source(), EventKind.SIGN_IN, signIn.instant(), "sign-in to " + signIn.app() + " from "
                + signIn.network().describe()));
        evidence.add(new Evidence(r.source(), EventKind.SIGN_IN, r.instant(), r.app() + " from " + r.network().describe()));
        ctx.emit(Alerts.alert(INFO, ctx.tenant(), ctx.key(), ctx.user(), r.source(), new Alerts.Finding(severity,
                severity == Severity.HIGH ? 0.75 : 0.6, signIn.instant(), r.instant(), INFO.stage(), INFO.techniques(), why,
                new Alert.Infrastructure(List.of(r.network().ip()), r.network().asn() > 0 ? List.of(r.network().asn()) : List.of(),
                        r.userAgent().isEmpty() ? List.of() : List.of(r.userAgent()), List.of()),
                List.of(), evidence)));
    }

    private static void use(Use u, java.io.DataOutput o) throws java.io.IOException {
        StateIo.varLong(u.time(), o);
        StateIo.source(u.source(), o);
        o.writeBoolean(u.interactive());
        StateIo.network(u.network(), o);
        StateIo.str(u.appId(), o);
        StateIo.str(u.app(), o);
        StateIo.str(u.resource(), o);
        StateIo.str(u.deviceId(), o);
        StateIo.str(u.userAgent(), o);
        o.writeBoolean(u.judge());
    }

    private static Use use(java.io.DataInput i) throws java.io.IOException {
        return new Use(StateIo.varLong(i), StateIo.source(i), i.readBoolean(), StateIo.network(i), StateIo.str(i),
                StateIo.str(i), StateIo.str(i), StateIo.str(i), StateIo.str(i), i.readBoolean());
    }

    static final StateCodec<Pending<Use>> CODEC = StateCodecs.v1("first-party client sign-ins", (p, out) ->
            p.write(out, AuthCodePhishDetection::use), in -> {
        Pending<Use> p = new Pending<>();
        p.read(in, AuthCodePhishDetection::use);
        return p;
    });
}

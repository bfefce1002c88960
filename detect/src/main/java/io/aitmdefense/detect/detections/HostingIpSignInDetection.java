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
import io.aitmdefense.events.SignIn;
import io.aitmdefense.model.RecordRef;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A successful sign-in to a Microsoft 365 app from a hosting or VPS network (DigitalOcean, Hetzner, OVH, AWS, …) that
 * the tenant has not vouched for. AiTM proxies and replay hosts run there; people rarely browse from there. SASE
 * egress is its own class, Microsoft's AS8075 is Microsoft, and a trusted named location or allow-listed range wins
 * over any hosting verdict (corporate VDI in AWS).
 * <p>
 * One alert per user and hosting network: the first sign-in opens it, the sign-ins of the following {@code window}
 * are its evidence, and further sign-ins from that network within {@code dedupe} of the first belong to it.
 * <p>
 * Two shapes are not an attacker's: a sign-in presenting the user's compliant or hybrid-joined device (a proxy cannot
 * relay the device's claim: it is the user's machine on a VPN or cloud egress), and a third-party app the user
 * consented to refreshing the user's token from its own cloud. Alone they are a low notice; the app becomes the
 * user's baseline once it recurs — its sign-ins from the same network on an earlier day of {@code appHistoryDays}
 * raise nothing.
 */
public final class HostingIpSignInDetection implements Detection {
    public static final String ID = "hosting-ip-signin";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Sign-in to Microsoft 365 from a hosting network",
            Severity.MEDIUM, KillChainStage.REPLAY, List.of("T1078.004"),
            "AiTM reverse proxies (Evilginx, Tycoon 2FA, EvilProxy) and the machines that replay stolen cookies run on "
                    + "cloud and VPS providers. A successful Microsoft 365 sign-in from such a network that the tenant does "
                    + "not use itself is either the proxy relaying the victim's sign-in or the attacker using the session.",
            "Corporate VDI, jump hosts or SASE egress in a cloud ASN that is not yet a trusted named location or on the "
                    + "tenant allow-list (add it under tenant.trustedAsns / trustedCidrs); users on a personal VPN hosted "
                    + "by a VPS provider.",
            "Check whether the network is the organisation's own (VDI, proxy); look for a session from this network "
                    + "reused elsewhere, inbox rules, consents or MFA registrations after it; if not legitimate, revoke "
                    + "the user's sessions and reset credentials.");

    private static final Set<String> OFFICE_APPS = Set.of(
            "4765445b-32c6-49b0-83e6-1d93765276ca", // OfficeHome
            "00000002-0000-0ff1-ce00-000000000000", // Office 365 Exchange Online
            "00000003-0000-0ff1-ce00-000000000000", // Office 365 SharePoint Online
            "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook Mobile
            "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Microsoft Teams
            "ab9b8c07-8f02-4f72-87fa-80105867a763", // OneDrive SyncEngine
            "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft Office
            "89bee1f7-5e6e-4d8a-9f3d-ecd601259da7", // Office365 Shell WCSS-Client
            "29d9ed98-a469-4536-ade2-f981bc1d605e"); // Microsoft Authentication Broker (Tycoon-style kits)
    private static final String GRAPH = "00000003-0000-0000-c000-000000000000";
    /** Developer tools reach Graph from build machines in the cloud all day; only their mail/files use is Office. */
    private static final Set<String> DEVELOPER_TOOLS = Set.of(
            "04b07795-8ddb-461a-bbee-02f9e1bf7b46", // Microsoft Azure CLI
            "1950a258-227b-4e31-a9cf-717495945fc2"); // Microsoft Azure PowerShell
    private static final List<String> OFFICE_WORDS = List.of("office", "outlook", "exchange", "sharepoint", "onedrive", "teams");
    private static final int CAP = 1000;
    /** Third-party apps remembered per user: integrations are a handful per person. */
    static final int APPS = 64;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private final Duration window;
    private final Duration dedupe;
    private final int appHistoryDays;
    private final StateDescriptor<HostingIpSignInState> state;
    private final StateDescriptor<TokenWithoutMfaHistory<String>> apps;

    public HostingIpSignInDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.window = t.duration("window", Duration.ofMinutes(60),
                "sign-ins from the network in this time after the first are the alert's evidence");
        this.dedupe = t.duration("dedupe", Duration.ofHours(24), "one alert per user and hosting network within this time");
        this.appHistoryDays = t.integer("appHistoryDays", 14, 1,
                "a third-party app seen acting for the user from the same network on an earlier day within this time is their baseline");
        this.apps = new StateDescriptor<>(ID + "/apps", () -> new TokenWithoutMfaHistory<>(APPS), Duration.ofDays(appHistoryDays + 1L),
                StateCodecs.APP_DAYS);
        // the open alerts live for dedupe; a timer may lag its window by up to a minute
        this.state = new StateDescriptor<>(ID + "/hits", HostingIpSignInState::new,
                (dedupe.compareTo(window) > 0 ? dedupe : window).plusMinutes(1), StateCodecs.HOSTING);
    }

    /** A sign-in from a hosting network, as much of it as the alert needs. */
    record Hit(long time, RecordRef source, Network network, String userAgent, UserAgents.Client client, String app,
               boolean interactive, boolean mfaPerformed, boolean satisfiedByToken, boolean script, String session,
               boolean ownDevice, String thirdPartyApp) implements Timed {

        /** Not an attacker's shape: the user's managed device, or a consented app at work. */
        boolean benignShape() {
            return ownDevice || !thirdPartyApp.isEmpty();
        }
    }

    /** Pending sign-ins in time order, how far they are judged, and the open alert per network (block → first time). */
    static final class HostingIpSignInState {
        final ArrayList<Hit> hits = new ArrayList<>();
        long judgedUpTo = Long.MIN_VALUE;
        final HashMap<String, Long> openSince = new HashMap<>();
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state, apps);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        if (!(event instanceof SignIn s) || !s.success() || s.workload() || !officeApp(s)) return;
        Network n = SignInSignals.network(s, ctx.enrichment());
        if (!SignInSignals.untrustedHosting(s, n, ctx.enrichment().tenant())) return;
        String app = s.appName().isEmpty() ? s.appId() : s.appName();
        if (!s.resourceName().isEmpty() && !s.resourceName().equals(app)) app += " → " + s.resourceName();
        boolean script = SignInSignals.scriptingAgent(s.userAgent());
        String thirdParty = SignInSignals.thirdPartyAppActing(s) && !script ? s.appId().toLowerCase(Locale.ROOT) : "";
        Hit hit = new Hit(s.time().toEpochMilli(), RecordRef.of(s), n, s.userAgent(), UserAgents.client(s.userAgent(), s.device()),
                app, s.interactive(), s.mfaPerformed(), s.satisfiedByToken(), script, s.sessionId(),
                SignInSignals.ownManagedDevice(s), thirdParty);
        if (!thirdParty.isEmpty()) {
            ValueState<TokenWithoutMfaHistory<String>> a = ctx.state(apps);
            TokenWithoutMfaHistory<String> history = a.value();
            history.record(appKey(hit), thirdParty, hit.time());
            a.update(history);
        }
        ValueState<HostingIpSignInState> v = ctx.state(state);
        HostingIpSignInState st = v.value();
        if (!Timed.insert(st.hits, hit, CAP, Timed.Cap.REFUSE_BEYOND)) return;
        v.update(st);
        ctx.registerTimer(Timed.minuteAfter(hit.instant().plus(window)));
    }

    static boolean officeApp(SignIn s) {
        if (OFFICE_APPS.contains(s.appId()) || OFFICE_APPS.contains(s.resourceId())) return true;
        if (s.resourceId().equals(GRAPH)) return !DEVELOPER_TOOLS.contains(s.appId());
        String names = (s.appName() + " " + s.resourceName()).toLowerCase(Locale.ROOT);
        for (String w : OFFICE_WORDS) if (names.contains(w)) return true;
        return false;
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<HostingIpSignInState> v = ctx.state(state);
        HostingIpSignInState st = v.value();
        long cutoff = time.toEpochMilli() - window.toMillis();
        ValueState<TokenWithoutMfaHistory<String>> a = ctx.state(apps);
        TokenWithoutMfaHistory<String> history = a.value();
        for (Hit h : st.hits) {
            if (h.time() <= st.judgedUpTo) continue;
            if (h.time() > cutoff) break;
            if (baseline(h, history)) continue;
            String block = h.network().block();
            Long since = st.openSince.get(block);
            if (since != null && h.time() - since < dedupe.toMillis()) continue; // part of the alert already raised
            st.openSince.put(block, h.time());
            List<Hit> batch = new ArrayList<>();
            for (Hit o : st.hits) {
                if (o.time() >= h.time() && o.time() <= h.time() + window.toMillis() && o.network().block().equals(block)
                        && !baseline(o, history)) batch.add(o);
            }
            ctx.emit(alert(ctx, batch));
        }
        st.judgedUpTo = Math.max(st.judgedUpTo, cutoff);
        st.hits.removeIf(h -> h.time() <= cutoff);
        st.openSince.values().removeIf(since -> since < cutoff - dedupe.toMillis());
        if (st.hits.isEmpty() && st.openSince.isEmpty()) v.clear();
        else v.update(st);
        if (!history.isEmpty()) {
            history.forgetBefore(time.toEpochMilli(), appHistoryDays);
            if (history.isEmpty()) a.clear();
            else a.update(history);
        }
    }

    /** A third-party app's sign-in from a network it already used for the user on an earlier day: their baseline. */
    private boolean baseline(Hit h, TokenWithoutMfaHistory<String> history) {
        if (h.thirdPartyApp().isEmpty()) return false;
        long startOfDay = Math.floorDiv(h.time(), DAY) * DAY;
        return history.seenBefore(appKey(h), startOfDay, appHistoryDays);
    }

    private static String appKey(Hit h) {
        return h.thirdPartyApp() + "|" + (h.network().asn() > 0 ? "AS" + h.network().asn() : h.network().block());
    }

    private Alert alert(Context ctx, List<Hit> batch) {
        String user = ctx.user();
        Hit first = batch.get(0), last = batch.get(batch.size() - 1);
        Set<String> ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>(), apps = new LinkedHashSet<>(),
                clients = new LinkedHashSet<>(), sessions = new LinkedHashSet<>();
        List<Evidence> evidence = new ArrayList<>();
        boolean byToken = false;
        String scriptAgent = "";
        for (Hit h : batch) {
            ips.add(h.network().ip());
            if (!h.userAgent().isEmpty()) agents.add(h.userAgent());
            if (!h.session().isEmpty()) sessions.add(h.session());
            apps.add(h.app());
            clients.add(h.client().label());
            if (h.script() && scriptAgent.isEmpty()) scriptAgent = h.userAgent();
            byToken |= h.satisfiedByToken();
            evidence.add(new Evidence(h.source(), EventKind.SIGN_IN, h.instant(),
                    (h.interactive() ? "interactive" : "non-interactive") + " sign-in to " + h.app() + " from "
                            + h.network().describe() + " by " + h.client().label()
                            + (h.mfaPerformed() ? ", MFA completed" : h.satisfiedByToken() ? ", MFA satisfied by a claim in the token" : "")));
        }
        // the victim completing MFA through a hosting network is the AiTM proxy relaying the sign-in — unless the
        // sign-in presents the user's managed device, whose claim no proxy can relay
        boolean benign = batch.stream().allMatch(Hit::benignShape);
        boolean proxy = first.interactive() && first.mfaPerformed() && !first.ownDevice();
        byToken &= !benign;
        boolean script = !scriptAgent.isEmpty();
        KillChainStage stage = proxy ? KillChainStage.COOKIE_THEFT : INFO.stage();
        List<String> techniques = proxy ? List.of("T1557", "T1078.004") : INFO.techniques();
        double confidence = 0.55 + (proxy ? 0.1 : 0) + (byToken ? 0.1 : 0) + (script ? 0.15 : 0);
        StringBuilder why = new StringBuilder(user).append(" signed in successfully from ")
                .append(first.network().describe()).append(" at ").append(first.instant()).append(" to ")
                .append(String.join(", ", apps)).append(" (").append(batch.size())
                .append(batch.size() == 1 ? " sign-in" : " sign-ins").append(" within ").append(window.toMinutes())
                .append(" min, ").append(String.join(", ", clients)).append(')');
        if (proxy) why.append(", completing MFA through it — the shape of an AiTM proxy relaying the victim's sign-in");
        else if (byToken) why.append(", with MFA satisfied by a claim in the token — the shape of a replayed session");
        if (benign && first.ownDevice()) {
            why.append(", presenting the user's compliant or hybrid-joined device — no AiTM proxy can relay that claim, so this is "
                    + "the user's own machine behind a VPN or cloud egress");
        } else if (benign) {
            why.append(", by a third-party app the user consented to, refreshing the user's token from its own cloud — a notice "
                    + "until it recurs, then the user's baseline");
        }
        if (script) why.append(", using the scripting agent '").append(scriptAgent).append('\'');
        why.append("; the tenant has not marked this network as its own.");
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, first.source(), new Alerts.Finding(
                script ? Severity.HIGH : benign ? Severity.LOW : INFO.severity(),
                Math.round(Math.min(benign ? 0.3 : confidence, 0.9) * 100) / 100.0,
                first.instant(), last.instant(), stage, techniques, why.toString(),
                new Alert.Infrastructure(List.copyOf(ips), first.network().asn() > 0 ? List.of(first.network().asn()) : List.of(), List.copyOf(agents), List.copyOf(sessions)),
                List.of(), evidence));
    }
}

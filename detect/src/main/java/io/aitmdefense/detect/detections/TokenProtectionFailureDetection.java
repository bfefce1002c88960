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
import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
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
 * A token-protection (sign-in session binding) policy failed, enforced or report-only, for a client that supports it:
 * a Windows native app that signs in through the Windows broker (Outlook and the Office apps, Teams, OneDrive sync,
 * Power BI Desktop, the Exchange and Graph PowerShell modules, Visual Studio, Windows App). Such a client presents a
 * device-bound token; an unbound one is a token replayed from another machine, or a client rollout that broke binding.
 * <p>
 * Browsers, other operating systems and other apps are not covered by token protection at all, so their failures are
 * noise and skipped. A trusted network is the tenant's own; failures there are a rollout question for the rollout
 * gate, not an attack. One alert per user opens with the first failure, gathers the next {@code window}, and covers
 * further failures for {@code dedupe}.
 */
public final class TokenProtectionFailureDetection implements Detection {
    public static final String ID = "token-protection-failure";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Token protection failed on a supported Windows client",
            Severity.MEDIUM, KillChainStage.REPLAY, List.of("T1550.001", "T1078.004"),
            "Token protection binds the sign-in session to the device. On a supported Windows app the binding is always "
                    + "present, so a failure means the token came without its device: replayed from another machine, or "
                    + "presented by a tool that reuses the app's client id outside the Windows broker.",
            "A new client version or a device whose registration broke (code 1002/1003) during a token-protection "
                    + "rollout; Windows Server or VDI images that are not supported (code 1006).",
            "Read the status code in the evidence: 1008 (no broker) and 1002 (no device state) from an unfamiliar network "
                    + "point to a replayed token; a burst across many users on known networks points to a rollout "
                    + "regression. Check the user's other sessions from the same network.");

    /** Apps that sign in through the Windows broker (WAM) and support token protection. */
    private static final Set<String> SUPPORTED_APPS = Set.of(
            "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft Office (Outlook, Word, Excel … desktop)
            "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Microsoft Teams
            "ab9b8c07-8f02-4f72-87fa-80105867a763", // OneDrive SyncEngine
            "b26aadf8-566f-4478-926f-589f601d9c74", // OneDrive
            "7f67af8a-fedc-4b08-8b4e-37c4d127b6cf", // Power BI Desktop
            "fb78d390-0c51-40cd-8e17-fdbfab77341b", // Exchange Online PowerShell
            "14d82eec-204b-4c2f-b7e8-296a70dab67e", // Microsoft Graph PowerShell
            "872cd9fa-d31f-45e0-9eab-6e460a02d1f1", // Visual Studio
            "a4a365df-50f1-4397-bc59-1a1564b8bb9c"); // Windows App / Remote Desktop
    private static final List<String> SUPPORTED_NAMES = List.of("microsoft office", "outlook", "teams", "onedrive",
            "power bi desktop", "exchange online powershell", "graph command line tools", "visual studio", "windows app",
            "remote desktop");
    private static final int CAP = 1000;

    private final boolean includeReportOnly;
    private final Duration window;
    private final Duration dedupe;
    private final StateDescriptor<TokenProtectionFailureState> state;

    public TokenProtectionFailureDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.includeReportOnly = t.flag("includeReportOnly", true, "report-only failures count too (they show a replay before enforcement)");
        this.window = t.duration("window", Duration.ofMinutes(60), "failures in this time after the first are the alert's evidence");
        this.dedupe = t.duration("dedupe", Duration.ofHours(24), "one alert per user within this time");
        // the open alert lives for dedupe; a timer may lag its window by up to a minute
        this.state = new StateDescriptor<>(ID + "/failures", TokenProtectionFailureState::new,
                (dedupe.compareTo(window) > 0 ? dedupe : window).plusMinutes(1), StateCodecs.TOKEN_PROTECTION);
    }

    /** One failed binding as the alert needs it. */
    record Failure(long time, RecordRef source, Network network, String userAgent, UserAgents.Client client, String app,
                   List<String> policies, boolean enforced, boolean blocked, String status, int code, boolean suspicious) implements Timed {
    }

    /** Pending failures in time order, how far they are judged, and when the user's open alert started. */
    static final class TokenProtectionFailureState {
        final ArrayList<Failure> failures = new ArrayList<>();
        long judgedUpTo = Long.MIN_VALUE;
        long openSince = Long.MIN_VALUE;
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
        // enforced failures block the sign-in, so failed sign-ins count here
        if (!(event instanceof SignIn s) || s.workload()) return;
        List<CaResult> failed = new ArrayList<>();
        for (CaResult p : s.caPolicies()) {
            if (p.tokenProtection() && p.failed() && (includeReportOnly || !p.reportOnly())) failed.add(p);
        }
        if (failed.isEmpty()) return;
        UserAgents.Client client = UserAgents.client(s.userAgent(), s.device());
        if (!supported(s, client)) return;
        Network n = SignInSignals.network(s, ctx.enrichment());
        if (SignInSignals.trusted(s, n, ctx.enrichment().tenant())) return;
        List<String> names = new ArrayList<>();
        boolean enforced = false;
        for (CaResult p : failed) {
            names.add(p.displayName().isEmpty() ? p.id() : p.displayName());
            enforced |= !p.reportOnly();
        }
        String app = (s.appName().isEmpty() ? s.appId() : s.appName()) + (s.resourceName().isEmpty() ? "" : " → " + s.resourceName());
        Failure f = new Failure(s.time().toEpochMilli(), RecordRef.of(s), n, s.userAgent(), client, app, names, enforced,
                !s.success(), s.token().protectionStatus(), s.token().protectionCode(),
                n.hosting() || SignInSignals.scriptingAgent(s.userAgent()));
        ValueState<TokenProtectionFailureState> v = ctx.state(state);
        TokenProtectionFailureState st = v.value();
        if (!Timed.insert(st.failures, f, CAP, Timed.Cap.REFUSE_BEYOND)) return;
        v.update(st);
        ctx.registerTimer(Timed.minuteAfter(f.instant().plus(window)));
    }

    /** Windows, a native app that supports token protection, not a browser. */
    static boolean supported(SignIn s, UserAgents.Client client) {
        if (!client.os().equals("Windows") || client.kind() == UserAgents.Kind.BROWSER) return false;
        if (s.clientApp().equalsIgnoreCase("Browser")) return false;
        if (SUPPORTED_APPS.contains(s.appId())) return true;
        String name = s.appName().toLowerCase(Locale.ROOT);
        for (String n : SUPPORTED_NAMES) if (name.contains(n)) return true;
        return false;
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<TokenProtectionFailureState> v = ctx.state(state);
        TokenProtectionFailureState st = v.value();
        long cutoff = time.toEpochMilli() - window.toMillis();
        for (Failure f : st.failures) {
            if (f.time() > cutoff) break;
            if (f.time() <= st.judgedUpTo) continue;
            if (st.openSince != Long.MIN_VALUE && f.time() - st.openSince < dedupe.toMillis()) continue;
            st.openSince = f.time();
            List<Failure> batch = new ArrayList<>();
            for (Failure o : st.failures) if (o.time() >= f.time() && o.time() <= f.time() + window.toMillis()) batch.add(o);
            ctx.emit(alert(ctx, batch));
        }
        st.judgedUpTo = Math.max(st.judgedUpTo, cutoff);
        st.failures.removeIf(f -> f.time() <= cutoff);
        if (st.openSince != Long.MIN_VALUE && st.openSince < cutoff - dedupe.toMillis()) st.openSince = Long.MIN_VALUE;
        if (st.failures.isEmpty() && st.openSince == Long.MIN_VALUE) v.clear();
        else v.update(st);
    }

    /** What signInSessionStatusCode says, for the analyst. */
    static String codeMeaning(int code) {
        return switch (code) {
            case 0 -> "bound";
            case 1002 -> "no device state: the request carried no device identity";
            case 1003 -> "the device registration is not supported";
            case 1005 -> "another reason";
            case 1006 -> "the operating system is not supported";
            case 1008 -> "the client did not use the Windows broker (WAM)";
            default -> code < 0 ? "no binding status in the log" : "status code " + code;
        };
    }

    private Alert alert(Context ctx, List<Failure> batch) {
        String user = ctx.user();
        Failure first = batch.get(0), last = batch.get(batch.size() - 1);
        Set<String> policies = new LinkedHashSet<>(), apps = new LinkedHashSet<>(), codes = new LinkedHashSet<>(),
                ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        boolean enforced = false, blocked = false, suspicious = false;
        List<Evidence> evidence = new ArrayList<>();
        for (Failure f : batch) {
            policies.addAll(f.policies());
            apps.add(f.app());
            codes.add((f.status().isEmpty() ? "" : f.status() + ", ") + "code " + f.code() + " — " + codeMeaning(f.code()));
            ips.add(f.network().ip());
            if (f.network().asn() > 0) asns.add(f.network().asn());
            if (!f.userAgent().isEmpty()) agents.add(f.userAgent());
            enforced |= f.enforced();
            blocked |= f.blocked();
            suspicious |= f.suspicious();
            evidence.add(new Evidence(f.source(), EventKind.SIGN_IN, f.instant(), "sign-in to " + f.app() + " from "
                    + f.network().describe() + " by " + f.client().label() + " failed token protection ("
                    + String.join(", ", f.policies()) + (f.enforced() ? ", enforced" : ", report-only") + "; code " + f.code() + ")"));
        }
        String explanation = batch.size() + (batch.size() == 1 ? " sign-in" : " sign-ins") + " of " + user + " to "
                + String.join(", ", apps) + " on Windows failed the token-protection policy '" + String.join("', '", policies)
                + "' (" + (enforced ? blocked ? "enforced, sign-in blocked" : "enforced" : "report-only") + ") from "
                + first.network().describe() + (batch.size() == 1 ? " at " + first.instant()
                        : " between " + first.instant() + " and " + last.instant())
                + ": session " + String.join("; ", codes) + ". A supported Windows app presents a device-bound token, so "
                + "this is a token replayed from another machine or a client rollout that broke binding.";
        double confidence = 0.55 + (suspicious ? 0.2 : 0) + (enforced ? 0 : -0.1);
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, first.source(), new Alerts.Finding(
                suspicious ? Severity.HIGH : INFO.severity(), Math.round(confidence * 100) / 100.0,
                first.instant(), last.instant(), INFO.stage(), INFO.techniques(), explanation,
                new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), List.of()),
                List.of(), evidence));
    }
}

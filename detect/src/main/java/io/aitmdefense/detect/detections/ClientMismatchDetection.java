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
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Within one session the client becomes another machine (another registered device or another operating system:
 * Chrome on Windows, then Firefox on Linux), or a scripting agent (python-requests, axios, undici, Go-http-client,
 * curl …) signs in successfully as the user. Unlike session-replay it needs no change of network, so it also catches
 * a replay through a residential proxy in the victim's own ISP.
 * <p>
 * Not a jump: a browser updating itself, Outlook, Teams or OneDrive beside the browser on the same device (first-party
 * apps have their own agents), or a browser change on one operating system without device ids — a browser family
 * alone does not prove another machine. Trusted and Microsoft networks are not evidence; scripts that the tenant runs
 * from its own trusted networks are its own.
 */
public final class ClientMismatchDetection implements Detection {
    public static final String ID = "client-mismatch";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Client changed within a session, or a scripting client signed in",
            Severity.MEDIUM, KillChainStage.REPLAY, List.of("T1550.004", "T1078.004"),
            "One Entra session lives in one browser or app on one device. When the same session shows up on another "
                    + "operating system or another registered device, its cookie or token was moved there. Phishing kits "
                    + "(Tycoon 2FA uses axios/node) and replay tools sign in with scripting agents that people never use.",
            "Automation that signs in as a user from an untrusted network; an operating system reported differently by "
                    + "two apps on one unregistered device.",
            "Check whether the user owns a device of the second kind; look at what the second client did (mail access, "
                    + "inbox rules, consents); if it is not theirs, revoke sessions and reset credentials.");

    /** The default {@code scriptingAgents}; the rule export reads it too. */
    public static final List<String> SCRIPTING_AGENTS = List.of("python-requests", "axios", "node-fetch", "node/", "undici",
            "go-http-client", "curl/", "okhttp", "aiohttp", "powershell/", "libwww-perl", "wget/");

    private final Duration window;
    private final List<String> scriptingAgents;
    private final SessionReplayRule rule;
    /** How long uses are read back: a use judged a window after it pairs with those up to a window before it. */
    private final Duration keep;
    private final StateDescriptor<SessionEpisodes> state;

    public ClientMismatchDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.window = t.duration("window", Duration.ofMinutes(60),
                "a client change within one session within this time; one alert per session episode");
        this.scriptingAgents = t.strings("scriptingAgents", SCRIPTING_AGENTS,
                "agents that alone make a sign-in a script's (matched anywhere; a trailing / matches the agent's start)");
        this.rule = SessionReplayRule.of(config);
        // the episodes live two windows (a use pairs with those up to a window before it) plus the minute a timer may lag
        this.keep = window.multipliedBy(2).plusMinutes(1);
        this.state = new StateDescriptor<>(ID + "/episodes", SessionEpisodes::new, keep,
                StateCodecs.SESSION_EPISODES);
    }

    @Override
    public DetectionInfo info() {
        return INFO;
    }

    @Override
    public List<StateDescriptor<?>> states() {
        return List.of(state, SessionUses.STATE);
    }

    @Override
    public void onEvent(Event event, Context ctx) {
        // without a session only the agent itself can tell: such rows are kept when a scripting agent signed in
        if (SessionUses.offer(ctx, event, keep, Duration.ZERO, this::script)) {
            ctx.registerTimer(Timed.minuteAfter(event.time().plus(window)));
        }
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        SessionUses uses = ctx.state(SessionUses.STATE).value();
        ValueState<SessionEpisodes> s = ctx.state(state);
        SessionEpisodes episodes = s.value();
        // one situation per scripting agent for the rows without a session
        episodes.judge(uses, time.toEpochMilli(), window.toMillis(), u -> script(u) ? "agent:" + u.client().family() : "",
                (key, use, session) -> judge(key, use, session, ctx));
        if (episodes.isEmpty() && uses.judgedAll(episodes.judgedUpTo)) s.clear();
        else s.update(episodes);
        SessionUses.trim(ctx, rule, time.toEpochMilli());
    }

    private boolean script(SessionReplayUse u) {
        return u.signIn() && SignInSignals.scriptingAgent(u.userAgent(), scriptingAgents);
    }

    private boolean judge(String key, SessionReplayUse later, List<SessionReplayUse> uses, Context ctx) {
        if (!later.counted()) return false;
        SessionReplayUse jumpFrom = null;
        if (!key.startsWith("agent:")) {
            for (SessionReplayUse earlier : uses) {
                if (Timed.ORDER.compare(earlier, later) >= 0) break;
                if (earlier.counted() && later.time() - earlier.time() <= window.toMillis()
                        && earlier.client().otherMachine(later.client()) && !handedOver(earlier, later)) {
                    jumpFrom = earlier;
                    break;
                }
            }
        }
        boolean script = script(later) && !(later.handOff() && onTheBrowsersAddress(later, uses));
        if (jumpFrom == null && !script) return false;
        ctx.emit(alert(ctx, key, jumpFrom, later, script, uses));
        return true;
    }

    /**
     * The session went from the browser to a first-party tool on the same machine (device code, Azure CLI in WSL, the
     * broker): both on one line — one address, or one network that cannot be told apart (the line's IPv4 and IPv6, one
     * ASN) — is one machine, not a moved session.
     */
    private static boolean handedOver(SessionReplayUse a, SessionReplayUse b) {
        return (a.handOff() || b.handOff()) && !SignInSignals.differentNetworks(a.network(), b.network());
    }

    /** A hand-off client's row on the line where the session also has a use by another (the person's) client. */
    private static boolean onTheBrowsersAddress(SessionReplayUse handOff, List<SessionReplayUse> session) {
        for (SessionReplayUse u : session) {
            if (u.counted() && !u.handOff() && !SignInSignals.differentNetworks(u.network(), handOff.network())) return true;
        }
        return false;
    }

    private Alert alert(Context ctx, String key, SessionReplayUse from, SessionReplayUse to, boolean toIsScript,
                        List<SessionReplayUse> uses) {
        String user = ctx.user();
        Set<String> ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        List<Evidence> evidence = new ArrayList<>();
        List<SessionReplayUse> shown = new ArrayList<>();
        SessionReplayUse firstScript = toIsScript ? to : null;
        for (SessionReplayUse u : uses) {
            if (!u.counted()) continue;
            boolean other = from != null && u != from && from.client().otherMachine(u.client());
            boolean byScript = script(u);
            if (!(u == from || other || byScript)) continue;
            if (byScript && firstScript == null) firstScript = u;
            shown.add(u);
            if (other || byScript || u == to) {
                ips.add(u.network().ip());
                if (u.network().asn() > 0) asns.add(u.network().asn());
                if (!u.userAgent().isEmpty()) agents.add(u.userAgent());
            }
            evidence.add(u.evidence(u == from ? "client before the change" : byScript ? "scripting agent" : "client after the change"));
        }
        boolean script = firstScript != null;
        boolean session = !key.startsWith("agent:");
        String sessionText = key.startsWith("token:") ? "token " + key.substring(6) : "Entra session " + key;
        StringBuilder why = new StringBuilder();
        if (from != null) {
            why.append("Within ").append(sessionText).append(" the client changed from ").append(from.client().label())
                    .append(" at ").append(from.network().describe()).append(" (").append(from.app()).append(", ")
                    .append(from.instant()).append(") to ").append(to.client().label()).append(" at ")
                    .append(to.network().describe()).append(" (").append(to.app()).append(", ").append(to.instant())
                    .append("): one session lives on one device, so another machine using it means its cookie or token was moved");
            if (script) why.append(", and the scripting agent '").append(firstScript.userAgent()).append("' used it at ")
                    .append(firstScript.instant());
        } else {
            why.append("The scripting agent '").append(to.userAgent()).append("' signed in successfully to ").append(to.app())
                    .append(" at ").append(to.instant()).append(" from ").append(to.network().describe())
                    .append(session ? " in " + sessionText : "")
                    .append(": phishing kits and token-replay tools use such agents, people do not");
        }
        why.append('.');
        double confidence = from != null && script ? 0.85 : from != null ? 0.65 : 0.6;
        if (to.network().hosting()) confidence += 0.1;
        Severity severity = (from != null && script) || (script && to.network().hosting()) ? Severity.HIGH : INFO.severity();
        SessionReplayUse first = shown.get(0), last = shown.get(shown.size() - 1);
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, to.source(), new Alerts.Finding(
                severity, Math.round(Math.min(confidence, 0.95) * 100) / 100.0,
                first.instant(), last.instant(), INFO.stage(), INFO.techniques(), why.toString(),
                new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), session ? List.of(key.startsWith("token:") ? key.substring(6) : key) : List.of()),
                List.of(), evidence));
    }
}

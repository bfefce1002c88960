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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A stolen refresh token of a Microsoft first-party public client (the "family of client ids": Office, Teams, Azure
 * CLI, Outlook mobile …) redeemed without any interactive sign-in: within {@code window}, non-interactive sign-ins of
 * family clients from one network the user has not used in {@code historyDays} reach {@code minResources} or more
 * resources, at least one of them new for the user — the attacker trades the one token for Graph, Exchange, Azure
 * Resource Manager and Key Vault tokens in minutes. High when a new resource is one of {@code pivotResources} (ARM,
 * Key Vault, Azure AD Graph) or the network is an untrusted hosting one; medium otherwise. The user's own registered
 * device, trusted and Microsoft networks are not judged; the user's usual apps refreshing on a new network (travel)
 * reach no new resource.
 */
public final class RefreshTokenPivotDetection implements Detection {
    public static final String ID = "refresh-token-pivot";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Stolen refresh token pivoting across resources from a new network",
            Severity.MEDIUM, KillChainStage.REPLAY, List.of("T1550.001", "T1528", "T1078.004"),
            "Refresh tokens of Microsoft's first-party public clients are interchangeable within the family of client ids: "
                    + "one stolen from a browser session, an infostealer's loot or a phishing kit buys tokens for any "
                    + "resource the family can reach. Tools such as TokenTactics and roadtx redeem it non-interactively "
                    + "for Graph, Exchange, Azure Resource Manager and Key Vault within minutes, from a network the user "
                    + "has never used, and no interactive sign-in ever shows.",
            "An administrator or developer on a new network who starts using Azure tools the same hour (Azure CLI, "
                    + "PowerShell) from an unregistered machine; a new joiner's first week.",
            "List the resources and client ids in the evidence; check whether the user works with Azure at all; if not "
                    + "theirs, revoke the user's refresh tokens (revokeSignInSessions), review Azure activity and Key Vault "
                    + "access from that address, and look for the endpoint or session the token was taken from.");

    public static final List<String> FAMILY = List.of(
            "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft Office
            "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Microsoft Teams
            "04b07795-8ddb-461a-bbee-02f9e1bf7b46", // Microsoft Azure CLI
            "1950a258-227b-4e31-a9cf-717495945fc2", // Microsoft Azure PowerShell
            "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook Mobile
            "ab9b8c07-8f02-4f72-87fa-80105867a763", // OneDrive SyncEngine
            "af124e86-4e96-495a-b70a-90f90ab96707", // OneDrive iOS App
            "4813382a-8fa7-425e-ab75-3b753aab3abb", // Microsoft Authenticator App
            "872cd9fa-d31f-45e0-9eab-6e460a02d1f1", // Visual Studio
            "ecd6b820-32c2-49b6-98a6-444530e5a77a", // Microsoft Edge
            "0ec893e0-5785-4de6-99da-4ed124e5296c", // Office UWP PWA
            "22098786-6e16-43cc-a27d-191a01a1e3b5", // Microsoft To-Do client
            "26a7ee05-5602-4d76-a7ba-eae8b7b67941", // Windows Search
            "cf36b471-5b44-428c-9ce7-313bf84528de", // Microsoft Bing Search
            "00b41c95-dab0-4487-9791-b9d2c32c80f2", // Office 365 Management
            "57fcbcfa-7cee-4eb1-8b25-12d2030b4ee0"); // Microsoft Flow

    static final List<String> PIVOT_RESOURCES = List.of(
            "797f4846-ba00-4fd7-ba43-dac1f8f63013", // Windows Azure Service Management API (Azure Resource Manager)
            "cfa8b339-82a2-471a-a3c9-0fc0be7a4093", // Azure Key Vault
            "00000002-0000-0000-c000-000000000000"); // Azure AD Graph

    private static final int CAP = 1000;

    private final Duration window;
    private final int minResources;
    private final Duration minHistory;
    private final Set<String> family;
    private final Set<String> pivotResources;
    private final StateDescriptor<Pending<Use>> state;
    private final StateDescriptor<UserHabits> habits;

    public RefreshTokenPivotDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.window = t.duration("window", Duration.ofMinutes(15), "the resources are reached within this time");
        this.minResources = t.integer("minResources", 3, 2, "at least this many distinct resources from the one network");
        this.minHistory = t.duration("minHistory", Duration.ofDays(1),
                "judge only once the logs hold this much of the user's sign-ins (before, every network and resource is new)");
        int historyDays = t.integer("historyDays", 14, 1, "a network or resource is new without a sign-in of the user to it in this time");
        this.family = lower(t.strings("clients", FAMILY, "client ids of the family of first-party public clients"));
        this.pivotResources = lower(t.strings("pivotResources", PIVOT_RESOURCES,
                "resource ids that make the pivot high when new for the user (ARM, Key Vault, Azure AD Graph)"));
        this.state = new StateDescriptor<>(ID + "/pending", Pending::new, window.multipliedBy(2).plusMinutes(2), CODEC);
        this.habits = UserHabits.state(historyDays);
    }

    private static Set<String> lower(List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : ids) out.add(id.toLowerCase(Locale.ROOT));
        return Set.copyOf(out);
    }

    /** One non-interactive redemption by a family client. */
    record Use(long time, RecordRef source, Network network, String app, String resourceId, String resource,
               String deviceId, String userAgent, String session) implements Timed {
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
        if (s.interactive() || n.ip().isEmpty() || !family.contains(s.appId().toLowerCase(Locale.ROOT))) return;
        if (s.resourceId().isEmpty() && s.resourceName().isEmpty()) return;
        if (n.kind() == NetworkKind.MICROSOFT || SignInSignals.trusted(s, n, ctx.enrichment().tenant())) return;
        ValueState<Pending<Use>> v = ctx.state(state);
        Pending<Use> pending = v.value();
        Use u = new Use(s.time().toEpochMilli(), RecordRef.of(s), n, s.appName().isEmpty() ? s.appId() : s.appName(),
                s.resourceId().toLowerCase(Locale.ROOT), s.resourceName().isEmpty() ? s.resourceId() : s.resourceName(),
                s.device().id(), s.userAgent(), s.sessionId().toLowerCase(Locale.ROOT));
        if (!pending.add(u, CAP, Timed.Cap.DROP_LATEST)) return;
        ctx.registerTimer(Timed.minuteAfter(u.instant().plus(window)));
        v.update(pending);
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<Pending<Use>> v = ctx.state(state);
        Pending<Use> pending = v.value();
        long cutoff = time.toEpochMilli() - window.toMillis();
        UserHabits h = ctx.state(habits).value();
        pending.judge(cutoff, (i, c) -> judge(ctx, pending, h, i, c));
        // a row stays while a later row's window can still reach back to it
        pending.forgetUpTo(cutoff - window.toMillis());
        UserHabits.trim(ctx, habits, time.toEpochMilli());
        if (pending.isEmpty()) v.clear();
        else v.update(pending);
    }

    private void judge(Context ctx, Pending<Use> pending, UserHabits h, int index, Use c) {
        if (!h.holdsHistory(c.time(), minHistory) || h.knownNetwork(c.network(), c.time())) return;
        if (h.knownDevice(c.deviceId(), c.time())) return;
        List<Use> burst = new ArrayList<>();
        Map<String, String> resources = new LinkedHashMap<>();
        for (int k = index; k < pending.rows.size(); k++) {
            Use u = pending.rows.get(k);
            if (u.time() > c.time() + window.toMillis()) break;
            if (SignInSignals.differentNetworks(u.network(), c.network()) || h.knownDevice(u.deviceId(), u.time())) continue;
            burst.add(u);
            resources.putIfAbsent(u.resourceId().isEmpty() ? u.resource() : u.resourceId(), u.resource());
        }
        if (resources.size() < minResources) return;
        List<String> fresh = new ArrayList<>();
        boolean pivot = false;
        for (Map.Entry<String, String> r : resources.entrySet()) {
            if (h.knownResource(r.getKey(), c.time())) continue;
            fresh.add(r.getValue());
            pivot |= pivotResources.contains(r.getKey());
        }
        if (fresh.isEmpty()) return; // the user's usual apps refreshing on a new network
        Use last = burst.get(burst.size() - 1);
        pending.reported(last.time());
        boolean hosting = c.network().hosting();
        Severity severity = pivot || hosting ? Severity.HIGH : Severity.MEDIUM;
        Set<String> apps = new LinkedHashSet<>(), agents = new LinkedHashSet<>(), sessions = new LinkedHashSet<>(),
                ips = new LinkedHashSet<>();
        List<Evidence> evidence = new ArrayList<>();
        for (Use u : burst) {
            apps.add(u.app());
            if (!u.userAgent().isEmpty()) agents.add(u.userAgent());
            if (!u.session().isEmpty()) sessions.add(u.session());
            ips.add(u.network().ip());
            evidence.add(new Evidence(u.source(), EventKind.SIGN_IN, u.instant(), "non-interactive sign-in of " + u.app()
                    + " to " + u.resource() + " from " + u.network().describe()));
        }
        String why = ctx.user() + ": " + burst.size() + " non-interactive sign-ins of first-party family clients ("
                + String.join(", ", apps) + ") from " + c.network().describe() + " between " + c.instant() + " and "
                + last.instant() + " reached " + resources.size() + " resources (" + String.join(", ", resources.values())
                + "), " + String.join(", ", fresh) + " new for the user; the user has no sign-in from that network "
                + h.held(c.time()) + (pivot ? ": a refresh token traded for Azure management or Key Vault access." : ": a refresh token redeemed away from the user.");
        List<Integer> asns = c.network().asn() > 0 ? List.of(c.network().asn()) : List.of();
        ctx.emit(Alerts.alert(INFO, ctx.tenant(), ctx.key(), ctx.user(), c.source(), new Alerts.Finding(severity,
                severity == Severity.HIGH ? 0.75 : 0.6, c.instant(), last.instant(), INFO.stage(), INFO.techniques(), why,
                new Alert.Infrastructure(List.copyOf(ips), asns, List.copyOf(agents), List.copyOf(sessions)),
                List.of(), evidence)));
    }

    private static void use(Use u, java.io.DataOutput o) throws java.io.IOException {
        StateIo.varLong(u.time(), o);
        StateIo.source(u.source(), o);
        StateIo.network(u.network(), o);
        StateIo.str(u.app(), o);
        StateIo.str(u.resourceId(), o);
        StateIo.str(u.resource(), o);
        StateIo.str(u.deviceId(), o);
        StateIo.str(u.userAgent(), o);
        StateIo.str(u.session(), o);
    }

    private static Use use(java.io.DataInput i) throws java.io.IOException {
        return new Use(StateIo.varLong(i), StateIo.source(i), StateIo.network(i), StateIo.str(i), StateIo.str(i),
                StateIo.str(i), StateIo.str(i), StateIo.str(i), StateIo.str(i));
    }

    static final StateCodec<Pending<Use>> CODEC = StateCodecs.v1("family refresh tokens", (p, out) ->
            p.write(out, RefreshTokenPivotDetection::use), in -> {
        Pending<Use> p = new Pending<>();
        p.read(in, RefreshTokenPivotDetection::use);
        return p;
    });
}

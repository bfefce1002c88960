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
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A change to whom the tenant trusts: a domain's federation settings (a second token issuer the attacker controls
 * signs in as anyone, MFA claim included) or the cross-tenant access settings (inbound trust of another tenant's MFA
 * and devices, B2B direct connect). Critical when the actor had a suspicious sign-in in the {@code suspiciousWindow}
 * before the change or made it from an untrusted hosting network; otherwise a domain federation change is medium (rare
 * and with the widest reach) and a cross-tenant access change low, both for the identity team to confirm.
 */
public final class TenantTrustChangeDetection implements Detection {
    public static final String ID = "tenant-trust-change";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Domain federation or cross-tenant access changed",
            Severity.MEDIUM, KillChainStage.PERSISTENCE, List.of("T1484.002", "T1556.007"),
            "An attacker holding an administrator's session makes the tenant trust them for good: a domain converted to "
                    + "federated with their own token-signing certificate (as Storm-0501 and Octo Tempest did) mints tokens "
                    + "for any user without a password or MFA, and a partner tenant trusted inbound for MFA and compliant "
                    + "devices lets their own tenant's sign-ins pass Conditional Access.",
            "Planned federation changes (an identity-provider migration, certificate roll-over) and partner onboarding "
                    + "by the identity team.",
            "Confirm the change and its ticket with the identity team; if not planned, revert the domain to managed or "
                    + "remove the partner setting, revoke the administrator's sessions and look for sign-ins issued by the "
                    + "new federation issuer.");

    private static final int CAP = 200;

    private final Duration suspiciousWindow;
    private final StateDescriptor<Pending<Change>> state;
    private final StateDescriptor<SuspiciousSignInLedger> ledger;
    private final SessionReplayRule rule;

    public TenantTrustChangeDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.suspiciousWindow = t.duration("suspiciousWindow", Duration.ofHours(24),
                "actor had a suspicious session this long before the change: critical");
        int historyDays = t.integer("historyDays", 14, 1,
                "MFA from a token is suspicious from a network without a sign-in of the user in this time");
        this.state = new StateDescriptor<>(ID + "/pending", Pending::new, Duration.ofMinutes(2), CODEC);
        this.ledger = SuspiciousSignInLedger.state(historyDays);
        this.rule = SessionReplayRule.of(config);
    }

    record Change(long time, RecordRef source, Network network, Artifact.PolicyChange policy) implements Timed {
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
        SuspiciousSignInLedger.offerUse(ctx, rule, event, suspiciousWindow);
        if (SuspiciousSignInLedger.relevant(event)) {
            SuspiciousSignInLedger.record(ctx, ledger, event, suspiciousWindow);
            return;
        }
        if (!(event instanceof DirectoryAudit d) || !d.success() || !d.actor().isUser()
                || !(d.artifact().orElse(null) instanceof Artifact.PolicyChange p)
                || p.kind() != Artifact.PolicyChange.Kind.DOMAIN_FEDERATION && p.kind() != Artifact.PolicyChange.Kind.CROSS_TENANT_ACCESS) {
            return;
        }
        ValueState<Pending<Change>> v = ctx.state(state);
        Pending<Change> pending = v.value();
        Change c = new Change(d.time().toEpochMilli(), RecordRef.of(d), ctx.enrichment().network(d.actor().ip(), 0), p);
        if (!pending.add(c, CAP, Timed.Cap.DROP_LATEST)) return;
        ctx.registerTimer(Timed.minuteAfter(c.instant()));
        v.update(pending);
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<Pending<Change>> v = ctx.state(state);
        Pending<Change> pending = v.value();
        long now = time.toEpochMilli();
        SuspiciousSignInLedger signIns = ctx.state(ledger).value();
        SessionUses sessions = SessionUses.judged(ctx, rule, now);
        pending.judge(now, (i, c) -> ctx.emit(alert(ctx, c, signIns.suspicious(c.time() - suspiciousWindow.toMillis(), c.time(), sessions))));
        pending.forgetUpTo(now);
        SuspiciousSignInLedger.trim(ctx, ledger, rule, now);
        if (pending.isEmpty()) v.clear();
        else v.update(pending);
    }

    private Alert alert(Context ctx, Change c, List<SuspiciousSignInLedger.Mark> marks) {
        Artifact.PolicyChange p = c.policy();
        boolean federation = p.kind() == Artifact.PolicyChange.Kind.DOMAIN_FEDERATION;
        String target = p.policyName().isEmpty() ? p.policyId() : p.policyName();
        String what = p.operation() + (target.isEmpty() ? "" : " (" + (federation ? "domain " : "partner ") + target + ")");
        boolean hostingActor = c.network().hosting() && !c.network().trusted();
        boolean suspicious = !marks.isEmpty() || hostingActor;
        String from = c.network().ip().isEmpty() ? "" : " from " + c.network().describe();
        StringBuilder why = new StringBuilder(ctx.user()).append(": ").append(what).append(from).append(" at ").append(c.instant());
        Set<String> ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>(), sessions = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        List<Evidence> evidence = new ArrayList<>();
        for (SuspiciousSignInLedger.Mark m : marks) {
            if (!m.network().ip().isEmpty()) ips.add(m.network().ip());
            if (m.network().asn() > 0) asns.add(m.network().asn());
            if (!m.userAgent().isEmpty()) agents.add(m.userAgent());
            if (!m.session().isEmpty()) sessions.add(m.session());
            evidence.add(new Evidence(m.source(), m.kind(), m.instant(), m.describe()));
        }
        if (hostingActor) {
            ips.add(c.network().ip());
            if (c.network().asn() > 0) asns.add(c.network().asn());
        }
        evidence.add(new Evidence(c.source(), EventKind.DIRECTORY_AUDIT, c.instant(), what + from));
        Severity severity;
        if (suspicious) {
            severity = Severity.CRITICAL;
            if (hostingActor) why.append(", from an untrusted hosting network");
            if (!marks.isEmpty()) {
                why.append(", ").append(Duration.ofMillis(c.time() - marks.get(0).time()).toMinutes())
                        .append(" min after a suspicious ").append(marks.get(0).describeAt());
            }
            why.append(": the administrator's session may be the attacker's, making the tenant trust them.");
        } else {
            severity = federation ? Severity.MEDIUM : Severity.LOW;
            why.append(" from a normal session (no suspicious sign-in of the actor in the previous ")
                    .append(suspiciousWindow.toHours()).append(" h); confirm it was planned.");
        }
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), ctx.user(), c.source(), new Alerts.Finding(severity,
                suspicious ? 0.8 : federation ? 0.5 : 0.35, marks.isEmpty() ? c.instant() : marks.get(0).instant(), c.instant(),
                INFO.stage(), INFO.techniques(), why.toString(),
                suspicious ? new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), List.copyOf(sessions))
                        : Alert.Infrastructure.NONE, List.of(p), evidence));
    }

    static final StateCodec<Pending<Change>> CODEC = StateCodecs.v1("trust changes", (p, out) -> p.write(out, (c, o) -> {
        StateIo.varLong(c.time(), o);
        StateIo.source(c.source(), o);
        StateIo.network(c.network(), o);
        StateIo.artifact(c.policy(), o);
    }), in -> {
        Pending<Change> p = new Pending<>();
        p.read(in, i -> new Change(StateIo.varLong(i), StateIo.source(i), StateIo.network(i),
                (Artifact.PolicyChange) StateIo.artifact(i)));
        return p;
    });
}

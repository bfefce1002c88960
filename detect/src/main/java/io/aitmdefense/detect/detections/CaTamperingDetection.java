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
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
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
 * A change that weakens sign-in defences: a Conditional Access policy deleted, disabled, switched to report-only or
 * given exclusions; a named location added or changed (a new trusted range is a bypass); the authentication methods
 * policy changed. Critical when the actor had a suspicious sign-in (or standing risk) in the {@code suspiciousWindow}
 * before the change, or made it from an untrusted hosting network: an attacker with an admin's session turns off
 * what would stop them. Otherwise it is an admin's change from a normal session, reported medium when it weakens a
 * policy and low when it only edits one, and labelled as such. Creating a new enabled policy is not tampering.
 */
public final class CaTamperingDetection implements Detection {
    public static final String ID = "ca-tampering";

    static final DetectionInfo INFO = new DetectionInfo(ID, "Conditional Access or authentication policy weakened",
            Severity.MEDIUM, KillChainStage.DEFENSE_EVASION, List.of("T1556.009", "T1562"),
            "Conditional Access is what blocks a stolen session from an unmanaged device or a strange network. An attacker "
                    + "holding an administrator's session disables or excludes themselves from it, or adds their network as "
                    + "a trusted location, so their access keeps working and later alerts stay quiet.",
            "Planned changes by the identity team (report-only pilots, exclusions for a migration, new office ranges); "
                    + "emergency exclusions of break-glass accounts.",
            "Confirm the change with the administrator and the change ticket; compare the old and new policy; if not "
                    + "planned, revert it, revoke the administrator's sessions and review what else that session changed.");

    private static final int CAP = 500;

    private final Duration suspiciousWindow;
    private final int historyDays;
    private final StateDescriptor<Pending<Change>> state;
    private final StateDescriptor<SuspiciousSignInLedger> ledger;
    private final SessionReplayRule rule;

    public CaTamperingDetection(DetectConfig config) {
        Thresholds t = config.detection(ID);
        this.suspiciousWindow = t.duration("suspiciousWindow", Duration.ofHours(24),
                "actor had a suspicious session this long before the change: critical");
        this.historyDays = t.integer("historyDays", 14, 1,
                "MFA from a token is suspicious from a network without a sign-in of the user in this time");
        this.state = new StateDescriptor<>(ID + "/pending", Pending::new, Duration.ofMinutes(2), StateCodecs.CA_TAMPERING);
        this.ledger = SuspiciousSignInLedger.state(historyDays);
        this.rule = SessionReplayRule.of(config);
    }

    /** One policy change and what it weakened. {@code weakens} false: an edit that removed nothing. */
    record Change(long time, RecordRef source, String actorIp, Network network, String what, boolean weakens,
                  Artifact.PolicyChange policy) implements Timed {
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
        Optional<Change> c = event instanceof DirectoryAudit d && d.success() && d.actor().isUser()
                && d.artifact().orElse(null) instanceof Artifact.PolicyChange p ? change(d, p, ctx) : Optional.empty();
        if (c.isEmpty()) return; // touch no state for the rest: it would live for the whole history
        ValueState<Pending<Change>> v = ctx.state(state);
        Pending<Change> pending = v.value();
        if (!pending.add(c.get(), CAP, Timed.Cap.DROP_LATEST)) return;
        ctx.registerTimer(Timed.minuteAfter(c.get().instant()));
        v.update(pending);
    }

    private static Optional<Change> change(DirectoryAudit d, Artifact.PolicyChange p, Context ctx) {
        String op = p.operation().toLowerCase(Locale.ROOT);
        String name = p.policyName().isEmpty() ? p.policyId() : p.policyName();
        String what;
        boolean weakens;
        switch (p.kind()) {
            case CONDITIONAL_ACCESS -> {
                if (op.startsWith("add")) return Optional.empty(); // a new policy adds control; it takes none away
                if (op.startsWith("delete")) {
                    what = "deleted Conditional Access policy '" + name + "'"
                            + ConditionalAccessPolicyDiff.state(p.oldValue()).map(s -> " (was " + s + ")").orElse("");
                    weakens = true;
                } else {
                    List<String> w = ConditionalAccessPolicyDiff.weakenings(p.oldValue(), p.newValue());
                    weakens = !w.isEmpty();
                    what = "updated Conditional Access policy '" + name + "'" + (weakens ? ": " + String.join("; ", w) : "");
                }
            }
            case NAMED_LOCATION -> {
                boolean trustedRange = p.newValue().replace(" ", "").replace("\\\"", "\"").contains("\"isTrusted\":true");
                String verb = op.startsWith("add") ? "added" : op.startsWith("delete") ? "deleted" : "updated";
                what = verb + " named location '" + name + "'" + (trustedRange ? " marked trusted" : "");
                weakens = trustedRange || op.startsWith("delete");
            }
            case AUTH_METHODS -> {
                what = "changed the authentication policy (" + p.operation() + (name.isEmpty() ? "" : " '" + name + "'") + ")";
                // a change whose values cannot be read is taken as weakening, as before the methods were compared
                Optional<List<String>> w = AuthMethodsPolicyDiff.weakenings(p.oldValue(), p.newValue());
                weakens = w.map(l -> !l.isEmpty()).orElse(true);
                if (w.isPresent() && !w.get().isEmpty()) what += ": " + String.join("; ", w.get());
            }
            default -> {
                return Optional.empty();
            }
        }
        Network n = ctx.enrichment().network(d.actor().ip(), 0);
        return Optional.of(new Change(d.time().toEpochMilli(), RecordRef.of(d), d.actor().ip(), n, what, weakens, p));
    }

    @Override
    public void onTimer(Instant time, Context ctx) {
        ValueState<Pending<Change>> v = ctx.state(state);
        Pending<Change> pending = v.value();
        long now = time.toEpochMilli();
        SuspiciousSignInLedger signIns = ctx.state(ledger).value();
        SessionUses sessions = SessionUses.judged(ctx, rule, time.toEpochMilli());
        pending.judge(now, (i, c) -> ctx.emit(alert(ctx, c, signIns.suspicious(c.time() - suspiciousWindow.toMillis(), c.time(), sessions))));
        pending.forgetUpTo(now);
        SuspiciousSignInLedger.trim(ctx, ledger, rule, now);
        if (pending.isEmpty()) v.clear();
        else v.update(pending);
    }

    private Alert alert(Context ctx, Change c, List<SuspiciousSignInLedger.Mark> marks) {
        String user = ctx.user();
        boolean hostingActor = c.network().hosting() && !c.network().trusted();
        boolean suspicious = !marks.isEmpty() || hostingActor;
        Set<String> ips = new LinkedHashSet<>(), agents = new LinkedHashSet<>(), sessions = new LinkedHashSet<>();
        Set<Integer> asns = new LinkedHashSet<>();
        List<Evidence> evidence = new ArrayList<>();
        for (SuspiciousSignInLedger.Mark m : marks) {
            if (!m.network().ip().isEmpty()) ips.add(m.network().ip());
            if (m.network().asn() > 0) asns.add(m.network().asn());
            if (!m.userAgent().isEmpty()) agents.add(m.userAgent());
            if (!m.session().isEmpty()) sessions.add(m.session());
            evidence.add(new Evidence(m.source(), m.kind(), Instant.ofEpochMilli(m.time()), m.describe()));
        }
        if (hostingActor) {
            ips.add(c.network().ip());
            if (c.network().asn() > 0) asns.add(c.network().asn());
        }
        String from = c.actorIp().isEmpty() ? "" : " from " + c.network().describe();
        evidence.add(new Evidence(c.source(), EventKind.DIRECTORY_AUDIT, c.instant(), c.what() + from));
        StringBuilder why = new StringBuilder(user).append(' ').append(c.what()).append(from).append(" at ").append(c.instant());
        Severity severity;
        double confidence;
        if (suspicious) {
            severity = Severity.CRITICAL;
            confidence = 0.8;
            why.append(hostingActor ? ", from an untrusted hosting network" : "");
            if (!marks.isEmpty()) {
                why.append(", ").append(Duration.ofMillis(c.time() - marks.get(0).time()).toMinutes())
                        .append(" min after a suspicious ").append(marks.get(0).describeAt());
            }
            why.append(": the actor's session may be the attacker's.");
        } else {
            // a normal session's change is a notice for the SOC to confirm, not an incident (Severity below MEDIUM)
            severity = c.weakens() ? Severity.LOW : Severity.INFO;
            confidence = c.weakens() ? 0.4 : 0.2;
            why.append(" from a normal session (no suspicious sign-in of the actor in the previous ")
                    .append(suspiciousWindow.toHours()).append(" h); likely an administrator's change — confirm it was planned.");
        }
        return Alerts.alert(INFO, ctx.tenant(), ctx.key(), user, c.source(), new Alerts.Finding(
                severity, confidence,
                marks.isEmpty() ? c.instant() : Instant.ofEpochMilli(marks.get(0).time()), c.instant(), INFO.stage(), INFO.techniques(), why.toString(),
                suspicious ? new Alert.Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), List.copyOf(sessions)) : Alert.Infrastructure.NONE,
                List.of(c.policy()), evidence));
    }
}

package io.aitmdefense.harden.gate;

import java.util.Locale;
import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.TokenContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tallies the Conditional Access results of the gated policies from sign-ins as they are read (readers call from
 * several threads, so {@link #accept} is synchronized), then judges each policy for the ring. Memory grows with users,
 * days and distinct failing clients, not with sign-ins. Workload sign-ins (service principals, managed identities)
 * are not people and are left out.
 */
public final class RolloutGate {

    /** The dimensions the blocking rows are grouped by, in report order. */
    public static final List<String> DIMENSIONS = List.of("app", "client app", "OS / browser", "device state", "user",
            "token protection");
    /** Enough rows per dimension to name every failing client of a pilot; the JSON keeps the same cut. */
    private static final int TOP = 20;

    private final List<GatedPolicy> policies;
    private final Ring ring;
    private final GateThresholds thresholds;
    private final List<Tally> tallies = new ArrayList<>();
    /** Sign-ins per user, [interactive, non-interactive]: "not applied" is counted against the policy's own users. */
    private final Map<String, long[]> signInsPerUser = new HashMap<>();
    private long signIns;
    private Instant first;
    private Instant last;

    public RolloutGate(List<GatedPolicy> policies, Ring ring, GateThresholds thresholds) {
        this.policies = List.copyOf(policies);
        this.ring = ring;
        this.thresholds = thresholds;
        for (int i = 0; i < policies.size(); i++) tallies.add(new Tally());
    }

    /** An event sink: sign-ins are tallied, everything else ignored. */
    public synchronized void accept(Event event) {
        if (!(event instanceof SignIn s) || s.workload()) return;
        signIns++;
        if (first == null || s.time().isBefore(first)) first = s.time();
        if (last == null || s.time().isAfter(last)) last = s.time();
        int k = s.interactive() ? 0 : 1;
        signInsPerUser.computeIfAbsent(s.user(), u -> new long[2])[k]++;
        for (int i = 0; i < policies.size(); i++) {
            GatedPolicy p = policies.get(i);
            for (CaResult r : s.caPolicies()) {
                if (!p.matches(r.id(), r.displayName())) continue;
                Tally t = tallies.get(i);
                ResultKind.of(r.result()).ifPresent(kind -> t.add(s, kind, k));
                break;
            }
        }
    }

    public synchronized GateReport report() {
        List<PolicyResult> results = new ArrayList<>();
        for (int i = 0; i < policies.size(); i++) results.add(tallies.get(i).result(policies.get(i)));
        return new GateReport(ring, thresholds, signIns, Optional.ofNullable(first), Optional.ofNullable(last), results);
    }

    /** One policy's running counts. */
    private final class Tally {
        final long[][] counts = new long[2][ResultKind.values().length];
        final Map<String, long[]> appliedPerUser = new HashMap<>();
        final TreeMap<LocalDate, long[]> days = new TreeMap<>();
        final Map<String, Map<String, Group>> groups = new LinkedHashMap<>();

        void add(SignIn s, ResultKind kind, int k) {
            counts[k][kind.ordinal()]++;
            if (kind == ResultKind.NOT_APPLIED) return;
            appliedPerUser.computeIfAbsent(s.user(), u -> new long[2])[k]++;
            long[] day = days.computeIfAbsent(LocalDate.ofInstant(s.time(), ZoneOffset.UTC), d -> new long[3]);
            day[kind.ordinal()]++;
            if (kind == ResultKind.SUCCESS) return;
            group("app", s.appName().isBlank() ? s.appId() : s.appName(), s, kind);
            group("client app", s.clientApp().isBlank() ? "unknown" : s.clientApp(), s, kind);
            group("OS / browser", osBrowser(s.device()), s, kind);
            group("device state", deviceState(s.device()), s, kind);
            group("user", s.user(), s, kind);
            group("token protection", tokenProtection(s.token()), s, kind);
        }

        private void group(String dimension, String value, SignIn s, ResultKind kind) {
            Group g = groups.computeIfAbsent(dimension, d -> new LinkedHashMap<>()).computeIfAbsent(value, v -> new Group());
            if (kind == ResultKind.FAILURE) g.failures++;
            else g.interruptions++;
            g.users.add(s.user());
        }

        PolicyResult result(GatedPolicy p) {
            long[] notApplied = new long[2];
            appliedPerUser.forEach((user, applied) -> {
                long[] all = signInsPerUser.getOrDefault(user, new long[2]);
                // reportOnlyNotApplied rows are dropped by the readers; the rest of the user's sign-ins are those
                for (int k = 0; k < 2; k++) notApplied[k] += Math.max(0, all[k] - applied[k]);
            });
            PolicyResult.Counts interactive = counts(0, notApplied[0]);
            PolicyResult.Counts nonInteractive = counts(1, notApplied[1]);
            List<PolicyResult.BlockingGroup> blocking = new ArrayList<>();
            for (String d : DIMENSIONS) {
                groups.getOrDefault(d, Map.of()).entrySet().stream()
                        .sorted(Comparator.comparingLong((Map.Entry<String, Group> e) -> -e.getValue().failures)
                                .thenComparingLong(e -> -e.getValue().interruptions).thenComparing(Map.Entry::getKey))
                        .limit(TOP)
                        .forEach(e -> blocking.add(new PolicyResult.BlockingGroup(d, e.getKey(), e.getValue().failures,
                                e.getValue().interruptions, e.getValue().users.size())));
            }
            List<PolicyResult.DayTrend> trend = new ArrayList<>();
            days.forEach((day, c) -> trend.add(new PolicyResult.DayTrend(day, c[0], c[1], c[2])));
            PolicyResult draft = new PolicyResult(p, interactive, nonInteractive, appliedPerUser.size(), days.size(),
                    GateVerdict.NOT_MEASURABLE, "", blocking, trend);
            Verdict v = judge(draft);
            return new PolicyResult(p, interactive, nonInteractive, draft.users(), draft.days(), v.verdict, v.reason,
                    blocking, trend);
        }

        private PolicyResult.Counts counts(int k, long notApplied) {
            long[] c = counts[k];
            return new PolicyResult.Counts(c[0], c[1], c[2], notApplied + c[3]);
        }
    }

    private record Verdict(GateVerdict verdict, String reason) {
    }

    private Verdict judge(PolicyResult r) {
        if (r.policy().userAction()) {
            return new Verdict(GateVerdict.NOT_MEASURABLE, "user-action policy: it has no report-only mode, so the logs "
                    + "cannot show what it would block; enable it for the pilot group first and watch for failures");
        }
        if (r.evaluated() == 0) {
            return new Verdict(GateVerdict.NOT_MEASURABLE, "no sign-in in the logs was evaluated against it: is it "
                    + "deployed, and do the logs start after it was created?");
        }
        if (r.failures() > thresholds.maxFailures()) {
            return new Verdict(GateVerdict.HOLD, r.failures() + " sign-ins would be blocked (" + r.nonInteractive().failure()
                    + " non-interactive): " + top(r, "OS / browser") + "; " + top(r, "app") + "; " + top(r, "client app"));
        }
        if (r.days() < thresholds.minDays()) {
            return new Verdict(GateVerdict.NOT_MEASURABLE, "only " + r.days() + " day(s) of evaluated sign-ins (needs "
                    + thresholds.minDays() + ")");
        }
        if (r.users() < thresholds.minUsers()) {
            return new Verdict(GateVerdict.NOT_MEASURABLE, "only " + r.users() + " user(s) evaluated (needs "
                    + thresholds.minUsers() + ")");
        }
        long interrupted = r.interactive().interrupted();
        return new Verdict(GateVerdict.ADVANCE, r.failures() + " failures on " + r.evaluated() + " sign-ins of " + r.users()
                + " users over " + r.days() + " days" + (interrupted > 0 ? " (" + interrupted + " interactive prompts)" : "")
                + "; next: " + ring.next());
    }

    private static String top(PolicyResult r, String dimension) {
        List<String> parts = new ArrayList<>();
        for (PolicyResult.BlockingGroup g : r.blocking(dimension)) {
            if (g.failures() == 0 || parts.size() == 3) continue;
            parts.add(g.value() + " " + g.failures());
        }
        return dimension + " " + (parts.isEmpty() ? "-" : String.join(", ", parts));
    }

    private static final class Group {
        long failures;
        long interruptions;
        final Set<String> users = new HashSet<>();
    }

    static String osBrowser(Device d) {
        String os = d.operatingSystem().isBlank() ? "unknown OS" : d.operatingSystem();
        return d.browser().isBlank() ? os : os + " / " + d.browser();
    }

    static String deviceState(Device d) {
        if (!d.registered()) return "unregistered";
        String trust = switch (d.trustType().toLowerCase(Locale.ROOT)) {
            case "azure ad joined", "azuread" -> "Entra joined";
            case "hybrid azure ad joined", "serverad" -> "hybrid joined";
            case "azure ad registered", "workplace" -> "registered";
            default -> d.trustType().isBlank() ? "registered" : d.trustType();
        };
        return trust + (d.compliant() ? ", compliant" : ", not compliant");
    }

    /** tokenProtectionStatusDetails.signInSessionStatusCode, with the meaning Microsoft documents (reference §4.11, §12.2). */
    static String tokenProtection(TokenContext t) {
        String meaning = switch (t.protectionCode()) {
            case 0 -> "bound";
            case 1002 -> "no device state";
            case 1003 -> "unsupported device registration";
            case 1004 -> "key not hardware-backed";
            case 1005 -> "other";
            case 1006 -> "unsupported OS";
            case 1007 -> "not the device owner";
            case 1008 -> "client not using the platform broker";
            default -> "";
        };
        if (t.protectionCode() < 0) return t.protectionStatus().isBlank() ? "no status" : t.protectionStatus();
        return t.protectionCode() + (meaning.isEmpty() ? "" : " " + meaning);
    }
}

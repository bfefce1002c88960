package io.aitmdefense.report;

import io.aitmdefense.posture.model.SessionControls;
import io.aitmdefense.posture.read.CaReadResult;
import io.aitmdefense.posture.whatif.Applicability;
import io.aitmdefense.posture.whatif.CombinedOutcome;
import io.aitmdefense.posture.whatif.Evaluation;
import io.aitmdefense.posture.whatif.PendingGrant;
import io.aitmdefense.posture.whatif.PolicyDecision;
import io.aitmdefense.posture.whatif.Requirement;
import io.aitmdefense.posture.whatif.SignInScenario;
import io.aitmdefense.posture.whatif.SignInTarget;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Text and JSON renderings of a What If evaluation. */
public final class WhatIfReport {

    private WhatIfReport() {
    }

    public static void print(PrintStream out, Evaluation e, CaReadResult read) {
        out.println("Sign-in: " + describe(e.scenario()));
        out.printf("Policies: %d read (%d enforced, %d report-only, %d disabled)%n", e.decisions().size(),
                e.decisions().stream().filter(d -> d.policy().enforced()).count(),
                e.decisions().stream().filter(PolicyDecision::reportOnly).count(),
                e.decisions().stream().filter(d -> d.applicability() == Applicability.NOT_ENABLED).count());
        out.println();
        for (PolicyDecision d : e.decisions()) {
            if (d.applicability() == Applicability.NOT_ENABLED) continue;
            out.printf("  %-22s %s%n", label(d), d.policy().label());
            out.println("      " + d.reason());
            if (d.applies() && !d.required().isEmpty()) {
                out.println("      grant " + d.operator() + ": " + join(d.required())
                        + (d.unmet().isEmpty() ? " (met)" : "; not met: " + join(d.unmet())));
            }
        }
        long disabled = e.decisions().stream().filter(d -> d.applicability() == Applicability.NOT_ENABLED).count();
        if (disabled > 0) out.println("  (" + disabled + " disabled policies not evaluated)");
        out.println();
        printOutcome(out, "Outcome", e.enforced());
        if (!e.withReportOnly().equals(e.enforced())) {
            printOutcome(out, "Would be, with report-only policies enforced", e.withReportOnly());
        }
        if (!read.errors().isEmpty()) out.println("Rejected inputs: " + read.errors().size() + " (listed on stderr)");
    }

    private static void printOutcome(PrintStream out, String title, CombinedOutcome o) {
        out.println(title + ": " + o.outcome() + (o.complete() ? "" : " (incomplete: " + o.undetermined().size()
                + " policies lack information)"));
        if (!o.blockedBy().isEmpty()) out.println("  blocked by: " + String.join(", ", o.blockedBy()));
        for (PendingGrant p : o.pending()) {
            out.println("  still required by " + p.policyName() + ": " + (p.operator().name().equals("OR") && p.options().size() > 1
                    ? "one of " : "") + join(p.options()));
        }
        List<String> session = session(o.session());
        if (!session.isEmpty()) out.println("  session: " + String.join("; ", session));
        if (!o.complete()) out.println("  undetermined: " + String.join(", ", o.undetermined()));
    }

    private static String label(PolicyDecision d) {
        String prefix = d.reportOnly() ? "would " : "";
        return switch (d.applicability()) {
            case APPLIES -> switch (d.grant()) {
                case BLOCK -> d.reportOnly() ? "WOULD BLOCK" : "APPLIES: BLOCK";
                case SATISFIED -> prefix + (d.reportOnly() ? "apply: met" : "APPLIES: met");
                case NOT_SATISFIED -> d.reportOnly() ? "WOULD INTERRUPT" : "APPLIES: REQUIRES";
                case NO_GRANT_CONTROLS -> d.reportOnly() ? "would apply: session" : "APPLIES: session";
            };
            case DOES_NOT_APPLY -> d.reportOnly() ? "(report-only) no" : "does not apply";
            case NOT_ENOUGH_INFORMATION -> "NOT ENOUGH INFO";
            case NOT_ENABLED -> "disabled";
        };
    }

    static List<String> session(SessionControls s) {
        List<String> out = new ArrayList<>();
        s.signInFrequency().ifPresent(f -> out.add("sign-in frequency " + (f.everyTime() ? "every time"
                : f.period().map(p -> p.toHours() % 24 == 0 ? p.toDays() + " days" : p.toHours() + " hours").orElse("?"))));
        if (s.tokenProtection()) out.add("token protection");
        s.continuousAccessEvaluation().ifPresent(c -> out.add("CAE " + c.graphName()));
        s.persistentBrowser().ifPresent(p -> out.add("persistent browser " + p.graphName()));
        s.cloudAppSecurity().ifPresent(c -> out.add("Defender for Cloud Apps " + c));
        if (s.applicationEnforcedRestrictions()) out.add("app-enforced restrictions");
        if (s.disableResilienceDefaults()) out.add("resilience defaults disabled");
        return out;
    }

    private static String join(List<Requirement> rs) {
        return rs.stream().map(Requirement::describe).collect(Collectors.joining(", "));
    }

    private static String describe(SignInScenario s) {
        List<String> parts = new ArrayList<>();
        parts.add((s.user().userPrincipalName().isBlank() ? s.user().id() : s.user().userPrincipalName())
                + " → " + target(s.target()));
        s.clientAppType().ifPresent(c -> parts.add(c.graphName()));
        s.platform().ifPresent(p -> parts.add(p.graphName()));
        s.device().ifPresent(d -> parts.add(!d.registered() ? "unregistered device"
                : d.trustType().map(t -> t.filterName()).orElse("device") + (d.compliant() ? " compliant" : "")));
        s.ipAddress().ifPresent(ip -> parts.add(ip.getHostAddress()));
        s.country().ifPresent(parts::add);
        s.authenticationFlow().ifPresent(f -> parts.add(f.graphName()));
        parts.add("methods " + s.satisfiedMethods().stream().map(m -> m.graphName()).sorted().toList());
        return String.join(", ", parts);
    }

    private static String target(SignInTarget t) {
        if (t instanceof SignInTarget.Applications a) return "apps " + a.appIds();
        if (t instanceof SignInTarget.Action a) return "user action " + a.action().graphName();
        return "authentication context " + ((SignInTarget.AuthenticationContext) t).classReference();
    }

    public static Map<String, Object> toJson(Evaluation e, CaReadResult read) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("signIn", describe(e.scenario()));
        List<Map<String, Object>> policies = new ArrayList<>();
        for (PolicyDecision d : e.decisions()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", d.policy().id());
            p.put("displayName", d.policy().displayName());
            p.put("state", d.policy().state().graphName());
            p.put("applicability", d.applicability().name());
            p.put("condition", d.condition().name());
            p.put("reason", d.reason());
            p.put("result", d.signInLogResult());
            if (d.applies()) {
                p.put("grant", d.grant().name());
                p.put("operator", d.operator().name());
                p.put("required", requirements(d.required()));
                p.put("unmet", requirements(d.unmet()));
                p.put("session", session(d.policy().sessionControls()));
            }
            policies.add(p);
        }
        root.put("policies", policies);
        root.put("outcome", outcome(e.enforced()));
        root.put("withReportOnly", outcome(e.withReportOnly()));
        root.put("rejectedInputs", read.errors().stream().map(Object::toString).toList());
        return root;
    }

    private static Map<String, Object> outcome(CombinedOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", o.outcome().name());
        m.put("complete", o.complete());
        m.put("blockedBy", o.blockedBy());
        List<Map<String, Object>> pending = new ArrayList<>();
        for (PendingGrant p : o.pending()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("policyId", p.policyId());
            g.put("policy", p.policyName());
            g.put("operator", p.operator().name());
            g.put("options", requirements(p.options()));
            pending.add(g);
        }
        m.put("pending", pending);
        m.put("session", session(o.session()));
        m.put("undetermined", o.undetermined());
        return m;
    }

    private static List<Map<String, Object>> requirements(List<Requirement> rs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Requirement r : rs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", r.kind().name());
            if (!r.reference().isBlank()) m.put("reference", r.reference());
            r.strength().ifPresent(s -> {
                m.put("strength", s.displayName());
                m.put("phishingResistant", s.phishingResistant());
            });
            m.put("text", r.describe());
            out.add(m);
        }
        return out;
    }
}

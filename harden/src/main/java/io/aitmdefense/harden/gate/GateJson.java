package io.aitmdefense.harden.gate;

import java.util.Locale;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.harden.emit.JsonText;

/** {@value GateReport#SCHEMA}: the gate's report for machines, written field by field (docs/harden.md). */
public final class GateJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GateJson() {
    }

    public static String write(GateReport report) {
        ObjectNode o = F.objectNode();
        o.put("schema", GateReport.SCHEMA);
        o.put("ring", report.ring().word());
        o.put("ringNow", report.ring().now());
        o.put("advanceMeans", report.ring().next());
        ObjectNode t = o.putObject("thresholds");
        t.put("minDays", report.thresholds().minDays());
        t.put("minUsers", report.thresholds().minUsers());
        t.put("maxFailures", report.thresholds().maxFailures());
        o.put("signIns", report.signIns());
        o.put("first", report.first().map(Object::toString).orElse(null));
        o.put("last", report.last().map(Object::toString).orElse(null));
        var policies = o.putArray("policies");
        for (PolicyResult r : report.policies()) {
            ObjectNode p = policies.addObject();
            p.put("displayName", r.policy().displayName());
            p.put("id", r.policy().id().orElse(null));
            p.put("target", r.policy().target());
            p.put("userAction", r.policy().userAction());
            p.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
            p.put("reason", r.reason());
            p.put("users", r.users());
            p.put("days", r.days());
            p.set("interactive", counts(r.interactive()));
            p.set("nonInteractive", counts(r.nonInteractive()));
            var blocking = p.putArray("blocking");
            for (PolicyResult.BlockingGroup g : r.blocking()) {
                ObjectNode b = blocking.addObject();
                b.put("dimension", g.dimension());
                b.put("value", g.value());
                b.put("failures", g.failures());
                b.put("interruptions", g.interruptions());
                b.put("users", g.users());
            }
            var trend = p.putArray("trend");
            for (PolicyResult.DayTrend d : r.trend()) {
                ObjectNode x = trend.addObject();
                x.put("day", d.day().toString());
                x.put("success", d.success());
                x.put("failure", d.failure());
                x.put("interrupted", d.interrupted());
            }
        }
        return JsonText.pretty(o);
    }

    private static ObjectNode counts(PolicyResult.Counts c) {
        ObjectNode o = F.objectNode();
        o.put("reportOnlySuccess", c.success());
        o.put("reportOnlyFailure", c.failure());
        o.put("reportOnlyInterrupted", c.interrupted());
        o.put("reportOnlyNotApplied", c.notApplied());
        return o;
    }
}

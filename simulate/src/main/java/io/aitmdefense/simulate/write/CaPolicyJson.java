package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.tenant.CaPolicy;
import io.aitmdefense.simulate.tenant.CaPolicy.CaContext;
import io.aitmdefense.simulate.tenant.CaPolicy.Outcome;
import io.aitmdefense.simulate.tenant.ClientDevice;
import io.aitmdefense.simulate.tenant.NamedLocation;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The appliedConditionalAccessPolicies array and conditionalAccessStatus of a sign-in. A sign-in's policy results
 * depend on a handful of facts, so each combination is rendered once and reused: the array is most of a row's bytes.
 */
final class CaPolicyJson {
    private final List<CaPolicy> policies;
    private final Nested nested;
    private final Map<Integer, String> cache = new HashMap<>();

    CaPolicyJson(List<CaPolicy> policies, Nested nested) {
        this.policies = policies;
        this.nested = nested;
    }

    static CaContext context(SignInRecord r) {
        ClientDevice d = r.device();
        boolean trusted = false;
        for (NamedLocation n : r.namedLocations()) trusted |= n.trusted();
        return new CaContext(r.user().admin(), d.managed(), d.platform() == ClientDevice.Platform.WINDOWS, d.mobile(),
                r.app().clientAppUsed().equals("Browser"), trusted, r.app().name().equals("Azure Portal"),
                r.app().exchangeOrSharePoint(), r.mfaSatisfied(), r.tokenBound(), r.protocol().equals("deviceCode"));
    }

    /** "success" when an enforced policy applied and held, "failure" when one failed, else "notApplied". */
    String status(CaContext c) {
        boolean applied = false;
        for (CaPolicy p : policies) {
            if (p.state() != CaPolicy.State.ENABLED) continue;
            Outcome o = p.applies().evaluate(c);
            if (o == Outcome.NOT_SATISFIED) return "failure";
            applied |= o == Outcome.SATISFIED;
        }
        return applied ? "success" : "notApplied";
    }

    /** The array as JSON text; Graph writes condition flags as comma strings, the others as integers. */
    String json(CaContext c, boolean graph) {
        int key = (graph ? 1 : 0)
                | (c.admin() ? 2 : 0) | (c.managedDevice() ? 4 : 0) | (c.windows() ? 8 : 0) | (c.mobile() ? 16 : 0)
                | (c.browser() ? 32 : 0) | (c.trustedLocation() ? 64 : 0) | (c.azureManagement() ? 128 : 0)
                | (c.exchangeOrSharePoint() ? 256 : 0) | (c.mfaSatisfied() ? 512 : 0) | (c.tokenBound() ? 1024 : 0)
                | (c.deviceCode() ? 2048 : 0);
        return cache.computeIfAbsent(key, k -> nested.text(g -> write(g, c, graph)));
    }

    private void write(JsonGenerator g, CaContext c, boolean graph) throws IOException {
        g.writeStartArray();
        for (CaPolicy p : policies) {
            Outcome o = p.applies().evaluate(c);
            boolean applied = o != Outcome.NOT_APPLIED && p.state() != CaPolicy.State.DISABLED;
            g.writeStartObject();
            g.writeStringField("id", p.id());
            g.writeStringField("displayName", p.displayName());
            stringArray(g, "enforcedGrantControls", p.grantControls());
            stringArray(g, "enforcedSessionControls", p.sessionControls());
            g.writeStringField("result", result(p.state(), o));
            if (graph) {
                g.writeStringField("conditionsSatisfied", applied ? "application,users" : "application");
                g.writeStringField("conditionsNotSatisfied", applied ? "none" : "users");
            } else {
                g.writeNumberField("conditionsSatisfied", applied ? 3 : 1);
                g.writeNumberField("conditionsNotSatisfied", applied ? 0 : 2);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static String result(CaPolicy.State state, Outcome o) {
        return switch (state) {
            case DISABLED -> "notEnabled";
            case ENABLED -> switch (o) {
                case NOT_APPLIED -> "notApplied";
                case SATISFIED -> "success";
                case NOT_SATISFIED -> "failure";
            };
            case REPORT_ONLY -> switch (o) {
                case NOT_APPLIED -> "reportOnlyNotApplied";
                case SATISFIED -> "reportOnlySuccess";
                case NOT_SATISFIED -> "reportOnlyFailure";
            };
        };
    }

    static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }
}

package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Hypothetical policies written as Graph JSON, read through the real reader so tests use the shapes users write. */
public final class PolicyJson {

    private PolicyJson() {
    }

    /** A policy: {@code conditions}, {@code grant} and {@code session} are JSON object bodies (without braces) or empty. */
    public static String policy(String name, String state, String conditions, String grant, String session) {
        return "{\"id\":\"" + name + "\",\"displayName\":\"" + name + "\",\"state\":\"" + state + "\","
                + "\"conditions\":{" + conditions + "}"
                + (grant.isEmpty() ? "" : ",\"grantControls\":{" + grant + "}")
                + (session.isEmpty() ? "" : ",\"sessionControls\":{" + session + "}") + "}";
    }

    public static String enabled(String name, String conditions, String grant) {
        return policy(name, "enabled", conditions, grant, "");
    }

    public static final String ALL_USERS_ALL_APPS = "\"users\":{\"includeUsers\":[\"All\"]},"
            + "\"applications\":{\"includeApplications\":[\"All\"]},\"clientAppTypes\":[\"all\"]";

    public static String grant(String operator, String... controls) {
        return "\"operator\":\"" + operator + "\",\"builtInControls\":[" + quoted(controls) + "]";
    }

    public static String quoted(String... values) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            if (b.length() > 0) b.append(',');
            b.append('"').append(v).append('"');
        }
        return b.toString();
    }

    public static ConditionalAccessSnapshot snapshot(String... objects) {
        CaReadResult r = new CaExportReader().readJson("test.json", "[" + String.join(",", objects) + "]");
        assertThat(r.errors()).isEmpty();
        return r.snapshot();
    }
}

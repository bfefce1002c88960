package io.aitmdefense.respond.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Set;

/** Removes secrets from a request body before it is printed or audited: a new password, a client secret, a token. */
public final class Redaction {
    public static final String MASK = "[redacted]";
    private static final Set<String> SECRET_KEYS = Set.of("password", "newpassword", "client_secret", "clientsecret",
            "access_token", "refresh_token", "client_assertion", "authorization", "secrettext");

    private Redaction() {
    }

    public static JsonNode redact(JsonNode body) {
        if (body == null || body.isMissingNode()) return body;
        JsonNode copy = body.deepCopy();
        scrub(copy);
        return copy;
    }

    private static void scrub(JsonNode n) {
        if (n instanceof ObjectNode o) {
            var names = new java.util.ArrayList<String>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (SECRET_KEYS.contains(name.toLowerCase(Locale.ROOT))) o.put(name, MASK);
                else scrub(o.get(name));
            }
        } else if (n instanceof ArrayNode a) {
            a.forEach(Redaction::scrub);
        }
    }
}

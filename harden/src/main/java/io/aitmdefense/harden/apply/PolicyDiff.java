package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.harden.emit.GraphBodies;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What differs between two policies in meaning, field by field. Both sides go through the posture reader and back out
 * through {@link GraphBodies}, so spelling differences Graph introduces (null vs [], {@code All} vs {@code all}, the
 * expanded authentication strength, ids and timestamps, list order) are not differences.
 */
public final class PolicyDiff {

    private PolicyDiff() {
    }

    /** One changed field: its JSON path and the two values as JSON text ("absent" when missing). */
    public record Change(String path, String expected, String actual) {
        @Override
        public String toString() {
            return path + ": " + expected + " → " + actual;
        }
    }

    public static List<Change> between(JsonNode expected, JsonNode actual) {
        List<Change> out = new ArrayList<>();
        walk("", canonical(expected), canonical(actual), out);
        return out;
    }

    /** The policy as our model reads it, written back in one canonical form. */
    static JsonNode canonical(JsonNode graphPolicy) {
        return model(graphPolicy).map(p -> (JsonNode) sortArrays(GraphBodies.policy(p))).orElse(graphPolicy);
    }

    public static Optional<ConditionalAccessPolicy> model(JsonNode graphPolicy) {
        CaReadResult read = new CaExportReader().readJson("policy", graphPolicy.toString());
        return read.snapshot().policies().stream().findFirst();
    }

    private static JsonNode sortArrays(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> o.set(e.getKey(), sortArrays(e.getValue())));
            return o;
        }
        if (node.isArray()) {
            TreeSet<String> texts = new TreeSet<>();
            boolean allText = true;
            for (JsonNode e : node) {
                if (!e.isTextual()) allText = false;
                else texts.add(e.asText());
            }
            if (!allText) return node;
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            texts.forEach(a::add);
            return a;
        }
        return node;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) walk(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), out);
            return;
        }
        if (empty(a) && empty(b)) return;
        if (a != null && a.equals(b)) return;
        out.add(new Change(path, text(a), text(b)));
    }

    private static boolean empty(JsonNode n) {
        return n == null || n.isNull() || (n.isArray() && n.isEmpty());
    }

    private static String text(JsonNode n) {
        return n == null ? "absent" : n.toString();
    }

}

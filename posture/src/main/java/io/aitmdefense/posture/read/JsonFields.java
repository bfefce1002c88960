package io.aitmdefense.posture.read;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Case-insensitive view of one JSON object that remembers which keys were read, so everything left over (minus OData
 * annotations and nulls) can be reported as unknown. Graph camelCase and PowerShell PascalCase then read the same.
 */
final class JsonFields {

    private final Map<String, String> keysByLowerName = new LinkedHashMap<>();
    private final JsonNode node;
    private final Set<String> read = new LinkedHashSet<>();

    JsonFields(JsonNode node) {
        this.node = node;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            keysByLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
    }

    /** The value, or empty when missing or JSON null (both mean "not configured"). */
    Optional<JsonNode> get(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        read.add(lower);
        String key = keysByLowerName.get(lower);
        if (key == null) return Optional.empty();
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    boolean has(String name) {
        return keysByLowerName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Marks keys as known without reading them (fields the model deliberately drops). */
    void known(String... names) {
        for (String n : names) read.add(n.toLowerCase(Locale.ROOT));
    }

    Optional<JsonFields> object(String name) {
        return get(name).filter(JsonNode::isObject).map(JsonFields::new);
    }

    String text(String name) {
        return get(name).filter(JsonNode::isValueNode).map(JsonNode::asText).orElse("");
    }

    Optional<Boolean> bool(String name) {
        return get(name).flatMap(v -> {
            if (v.isBoolean()) return Optional.of(v.booleanValue());
            if (v.isTextual() && v.asText().equalsIgnoreCase("true")) return Optional.of(true);
            if (v.isTextual() && v.asText().equalsIgnoreCase("false")) return Optional.of(false);
            return Optional.empty();
        });
    }

    /** A list of strings from an array, or from one comma-separated string (how Graph serialises flag enums). */
    List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        get(name).ifPresent(v -> {
            if (v.isArray()) {
                for (JsonNode e : v) {
                    if (e.isValueNode() && !e.isNull()) splitInto(e.asText(), out);
                }
            } else if (v.isValueNode()) {
                splitInto(v.asText(), out);
            }
        });
        return out;
    }

    /** A list of plain ids (no comma splitting: ids never contain commas but display names might). */
    List<String> ids(String name) {
        List<String> out = new ArrayList<>();
        get(name).ifPresent(v -> {
            if (v.isArray()) {
                for (JsonNode e : v) {
                    if (e.isValueNode() && !e.isNull() && !e.asText().isBlank()) out.add(e.asText().trim());
                }
            } else if (v.isTextual() && !v.asText().isBlank()) {
                out.add(v.asText().trim());
            }
        });
        return out;
    }

    private static void splitInto(String text, List<String> out) {
        for (String part : text.split(",")) {
            if (!part.isBlank()) out.add(part.trim());
        }
    }

    /** Keys never read that carry a value; OData annotations and action links are not data. */
    Map<String, JsonNode> unread() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (annotation(key) || read.contains(key.toLowerCase(Locale.ROOT))) continue;
            if (blank(e.getValue())) continue;
            out.put(key, e.getValue());
        }
        return out;
    }

    static boolean annotation(String key) {
        return key.startsWith("@") || key.startsWith("#") || key.contains("@odata.");
    }

    /** Null, empty array or an object whose every value is blank: carries no configuration. */
    static boolean blank(JsonNode value) {
        if (value == null || value.isNull()) return true;
        if (value.isArray()) return value.isEmpty();
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!annotation(e.getKey()) && !blank(e.getValue())) return false;
            }
            return true;
        }
        return false;
    }
}

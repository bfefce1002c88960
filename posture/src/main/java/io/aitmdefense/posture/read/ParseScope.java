package io.aitmdefense.posture.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.posture.model.GraphEnum;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parsing state for one object of one file: where problems are reported, and every object view opened so far, so the
 * fields nobody read can be listed once the object is done.
 */
final class ParseScope {

    /** Template placeholders seen in policy-as-code repositories: {@code <Group>}, {@code <<Id>>}, {@code %Id%}, {@code {{Id}}}, and the all-zero GUID. */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("^(<.*>|%.*%|\\{\\{.*}}|\\$\\{.*}|00000000-0000-0000-0000-000000000000)$");

    final String file;
    private String object;
    private final List<ReadProblem> warnings;
    private final Map<String, JsonFields> opened = new LinkedHashMap<>();

    ParseScope(String file, String object, List<ReadProblem> warnings) {
        this.file = file;
        this.object = object;
        this.warnings = warnings;
    }

    void rename(String object) {
        this.object = object;
    }

    String object() {
        return object;
    }

    JsonFields open(String path, JsonNode node) {
        JsonFields f = new JsonFields(node);
        opened.put(path, f);
        return f;
    }

    Optional<JsonFields> open(String path, JsonFields parent, String name) {
        return parent.get(name).filter(JsonNode::isObject).map(n -> open(path.isEmpty() ? name : path + "." + name, n));
    }

    void warn(String reason) {
        warnings.add(new ReadProblem(file, object + ": " + reason));
    }

    /** Unknown members become {@code unknownFutureValue} where the enum has it, otherwise they are dropped; both warned. */
    <E extends Enum<E> & GraphEnum> Set<E> flags(Class<E> type, JsonFields f, String name, String path) {
        Set<E> out = EnumSet.noneOf(type);
        for (String s : f.strings(name)) {
            Optional<E> e = GraphEnum.parse(type, s);
            if (e.isPresent()) {
                out.add(e.get());
            } else if (!s.equalsIgnoreCase("none")) {
                warn(path + "." + name + ": unknown value '" + s + "'");
                GraphEnum.parse(type, "unknownFutureValue").ifPresent(out::add);
            }
        }
        return out;
    }

    <E extends Enum<E> & GraphEnum> Optional<E> one(Class<E> type, JsonFields f, String name, String path) {
        String s = f.text(name);
        if (s.isBlank()) return Optional.empty();
        Optional<E> e = GraphEnum.parse(type, s);
        if (e.isEmpty()) {
            warn(path + "." + name + ": unknown value '" + s + "'");
            return GraphEnum.parse(type, "unknownFutureValue");
        }
        return e;
    }

    /** Ids with template placeholders kept as written (they match no sign-in) and reported once each. */
    List<String> ids(JsonFields f, String name, String path) {
        List<String> ids = f.ids(name);
        for (String id : ids) {
            if (PLACEHOLDER.matcher(id).matches()) {
                warn(path + "." + name + ": placeholder '" + id + "' kept as-is; it matches no real object");
            }
        }
        return ids;
    }

    static boolean placeholder(String id) {
        return PLACEHOLDER.matcher(id).matches();
    }

    /** Fields left unread in every opened object, as dotted path → raw JSON. */
    Map<String, String> unknownFields() {
        Map<String, String> out = new LinkedHashMap<>();
        opened.forEach((path, f) -> f.unread().forEach((k, v) ->
                out.put(path.isEmpty() ? k : path + "." + k, v.toString())));
        return out;
    }

    List<String> unknownPaths() {
        return new ArrayList<>(unknownFields().keySet());
    }
}

package io.aitmdefense.posture.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.posture.model.AuthenticationContext;
import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.DirectorySnapshot;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.NamedLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a tenant's Conditional Access export: folders (recursively, {@code .json} and {@code .csv} files) or single
 * files, each holding one object, a JSON array, or a Graph page {@code {"value":[…]}}. What each object is — policy,
 * named location, authentication strength, authentication context, group, directory — is decided by its content, not
 * its file name. A file or object that cannot be used is reported as {@code file: reason} and the rest is read.
 */
public final class CaExportReader {

    private final ObjectMapper json = new ObjectMapper();

    /** Reads every given file or folder. */
    public CaReadResult read(List<Path> inputs) {
        Collector c = new Collector();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(input)) {
                    files = walk.filter(Files::isRegularFile).filter(CaExportReader::exportFile).sorted().toList();
                } catch (IOException e) {
                    c.errors.add(new ReadProblem(input.toString(), "cannot list folder: " + e.getMessage()));
                    continue;
                }
                if (files.isEmpty()) c.errors.add(new ReadProblem(input.toString(), "no .json or .csv files"));
                files.forEach(f -> readFile(f, c));
            } else if (Files.isRegularFile(input)) {
                readFile(input, c);
            } else {
                c.errors.add(new ReadProblem(input.toString(), "no such file or folder"));
            }
        }
        return c.result();
    }

    public CaReadResult read(Path... inputs) {
        return read(List.of(inputs));
    }

    /** Reads one JSON document given as text (tests and hypothetical policies typed inline). */
    public CaReadResult readJson(String name, String text) {
        Collector c = new Collector();
        c.filesRead++;
        parseJson(name, text, c);
        return c.result();
    }

    private static boolean exportFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".csv");
    }

    private void readFile(Path file, Collector c) {
        String name = file.toString();
        String text;
        try {
            text = ExportDecoding.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            c.errors.add(new ReadProblem(name, "cannot read: " + e.getMessage()));
            return;
        }
        c.filesRead++;
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            new GroupCsv(name, c.errors).read(text, c.groupNames);
            return;
        }
        parseJson(name, text, c);
    }

    private void parseJson(String name, String text, Collector c) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            c.errors.add(new ReadProblem(line > 0 ? name + ":" + line : name, "not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (root == null || root.isMissingNode()) {
            c.errors.add(new ReadProblem(name, "empty file"));
            return;
        }
        int before = c.objects();
        visit(name, root, c, true);
        if (c.objects() == before && c.errorsFor(name) == 0) {
            c.errors.add(new ReadProblem(name, "no Conditional Access policy, named location, authentication strength, "
                    + "authentication context, group or directory found"));
        }
    }

    private void visit(String file, JsonNode node, Collector c, boolean top) {
        if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) visitItem(file + "[" + i++ + "]", file, item, c);
            return;
        }
        if (!node.isObject()) {
            c.errors.add(new ReadProblem(file, "expected a JSON object or array, found " + node.getNodeType()));
            return;
        }
        JsonNode value = node.get("value");
        if (top && value != null && value.isArray()) {
            visit(file, value, c, false);
            return;
        }
        visitItem(file, file, node, c);
    }

    private void visitItem(String where, String file, JsonNode item, Collector c) {
        if (!item.isObject()) {
            c.errors.add(new ReadProblem(where, "expected an object, found " + item.getNodeType()));
            return;
        }
        ExportKind kind = ExportKind.of(item);
        ParseScope scope = new ParseScope(file, where, c.warnings);
        if (kind != ExportKind.UNKNOWN) c.recognised++;
        switch (kind) {
            case POLICY -> {
                ConditionalAccessPolicy p = new PolicyParser(scope).parse(item);
                // exports are often kept twice (original UTF-16 and a UTF-8 copy): one policy id counts once. The same
                // id under another name is two versions of the policy: both are kept and the assessment reports it.
                var first = c.policies.stream().filter(q -> !p.id().isEmpty() && q.id().equals(p.id())).findFirst();
                if (first.isPresent() && sameName(first.get(), p)) {
                    c.warnings.add(new ReadProblem(where, "policy " + p.label() + " was already read from "
                            + first.get().source() + "; this copy is ignored"));
                    return;
                }
                if (first.isPresent()) {
                    c.warnings.add(new ReadProblem(where, "policy id " + p.id() + " was already read from "
                            + first.get().source() + " as '" + first.get().label() + "'; both versions are kept"));
                }
                p.unknownFields().keySet().forEach(path -> c.unknown.add(new UnknownField(file, p.label(), path)));
                c.policies.add(p);
            }
            case NAMED_LOCATION -> {
                NamedLocation l = new NamedLocationParser(scope).parse(item);
                if (l.id().isEmpty() || c.locations.stream().noneMatch(q -> q.id().equals(l.id()))) c.locations.add(l);
            }
            case AUTHENTICATION_STRENGTH -> new StrengthParser(scope).parse(scope.open("", item), "")
                    .ifPresentOrElse(c.strengths::add,
                            () -> c.errors.add(new ReadProblem(where, "authentication strength without id")));
            case AUTHENTICATION_CONTEXT -> {
                JsonFields f = new JsonFields(item);
                c.contexts.add(new AuthenticationContext(f.text("id"), f.text("displayName"), f.text("description"),
                        f.bool("isAvailable").orElse(false)));
            }
            case GROUP -> {
                JsonFields f = new JsonFields(item);
                c.groupNames.put(f.text("id"), f.text("displayName"));
            }
            case MIGRATION_TABLE -> {
                for (JsonNode o : item.path("Objects")) {
                    JsonFields f = new JsonFields(o);
                    if (f.text("type").equalsIgnoreCase("group") && !f.text("id").isBlank()) {
                        c.groupNames.put(f.text("id"), f.text("displayName"));
                    }
                }
            }
            case DIRECTORY -> new DirectoryParser(scope).parse(item.get("directory"), c.users, c.groupNames, c.breakGlass);
            case UNKNOWN -> c.errors.add(new ReadProblem(where, "not a Conditional Access object (keys: "
                    + String.join(", ", fieldNames(item)) + ")"));
        }
    }

    private static boolean sameName(ConditionalAccessPolicy a, ConditionalAccessPolicy b) {
        return a.displayName().strip().equalsIgnoreCase(b.displayName().strip());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(n -> {
            if (out.size() < 6 && !JsonFields.annotation(n)) out.add(n);
        });
        return out;
    }

    /** Accumulates one read; the snapshot is built once at the end. */
    private static final class Collector {
        int filesRead;
        final List<ReadProblem> errors = new ArrayList<>();
        final List<ReadProblem> warnings = new ArrayList<>();
        final List<UnknownField> unknown = new ArrayList<>();
        final List<ConditionalAccessPolicy> policies = new ArrayList<>();
        final List<NamedLocation> locations = new ArrayList<>();
        final List<AuthenticationStrength> strengths = new ArrayList<>();
        final List<AuthenticationContext> contexts = new ArrayList<>();
        final List<DirectoryUser> users = new ArrayList<>();
        final Map<String, String> groupNames = new LinkedHashMap<>();
        final Set<String> breakGlass = new LinkedHashSet<>();

        int recognised;

        int objects() {
            return recognised;
        }

        long errorsFor(String file) {
            return errors.stream().filter(e -> e.location().startsWith(file)).count();
        }

        CaReadResult result() {
            DirectorySnapshot dir = new DirectorySnapshot(users, groupNames, breakGlass);
            return new CaReadResult(new ConditionalAccessSnapshot(policies, locations, strengths, contexts, dir),
                    filesRead, errors, warnings, unknown);
        }
    }
}

package io.aitmdefense.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.AttackerActivity;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerInfrastructure;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.BlastRadius;
import io.aitmdefense.model.incident.Campaign;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.SharedIndicator;
import io.aitmdefense.model.incident.Sighting;
import io.aitmdefense.model.incident.TimelineEntry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code incidents.json}, schema {@code aitm.incidents/2} (docs/incidents-json.md): written and read back by this one
 * class. Fields are written by hand, never by data binding, so renaming a Java field can never change the published
 * format; the reader rebuilds the model objects (what {@code aitm respond} acts on) and names the JSON path of
 * anything it cannot use.
 */
public final class IncidentsJson {
    public static final String SCHEMA = "aitm.incidents/2";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private IncidentsJson() {
    }

    /** A whole document as read back: the incidents and the run they came from. */
    public record Document(IncidentSet incidents, RunSummary run) {
    }

    // ---------------------------------------------------------------- writing

    /** Writes the document, indented, followed by a newline; {@code out} is left open. */
    public static void write(IncidentSet set, RunSummary run, OutputStream out) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, document(set, run));
        out.write('\n');
        out.flush();
    }

    /** The document as text (for the report files, written atomically beside the others). */
    public static String toText(IncidentSet set, RunSummary run) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        write(set, run, bytes);
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One alert on one line, as in {@code alerts.ndjson}: the same object as inside an incident. */
    public static String alertLine(Alert a) throws IOException {
        return MAPPER.writeValueAsString(alert(a));
    }

    /** One incident on one line: the same object as in the document's {@code incidents} (the store and the API keep it). */
    public static String incidentText(Incident i) {
        return incident(i).toString();
    }

    static ObjectNode document(IncidentSet set, RunSummary run) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("run", run(run));
        ObjectNode counts = root.putObject("counts");
        counts.put("incidents", set.incidents().size());
        counts.put("alerts", set.alerts().size());
        counts.put("campaigns", set.campaigns().size());
        counts.put("notices", set.notices().size());
        ObjectNode bySeverity = counts.putObject("incidentsBySeverity");
        set.incidentsBySeverity().forEach((s, n) -> bySeverity.put(s.label(), n));
        ObjectNode byDetection = counts.putObject("alertsByDetection");
        set.alertsByDetection().forEach(byDetection::put);
        ArrayNode incidents = root.putArray("incidents");
        set.incidents().forEach(i -> incidents.add(incident(i)));
        ArrayNode campaigns = root.putArray("campaigns");
        set.campaigns().forEach(c -> campaigns.add(campaign(c)));
        ArrayNode notices = root.putArray("notices");
        set.notices().forEach(a -> notices.add(alert(a)));
        return root;
    }

    private static ObjectNode run(RunSummary run) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("tool", "aitm");
        n.put("version", run.toolVersion());
        n.put("generated", run.generated().toString());
        strings(n.putArray("inputs"), run.inputs());
        n.put("events", run.events());
        n.put("rejected", run.rejected());
        n.put("late", run.late());
        ObjectNode span = n.putObject("logs");
        run.logs().ifPresent(s -> {
            span.put("first", s.first().toString());
            span.put("last", s.last().toString());
        });
        ArrayNode unreadable = n.putArray("unreadableFiles");
        for (RunSummary.UnreadableFile f : run.unreadable()) unreadable.addObject().put("file", f.file()).put("reason", f.reason());
        strings(n.putArray("warnings"), run.nothingReadWarning().stream().toList());
        return n;
    }

    private static ObjectNode incident(Incident i) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", i.id());
        n.put("tenant", i.tenant());
        n.put("userKey", i.userKey());
        n.put("user", i.user());
        n.put("severity", i.severity().label());
        n.put("confidence", i.confidence());
        n.put("start", i.start().toString());
        n.put("end", i.end().toString());
        n.put("firstAttackerActivity", i.firstAttackerActivity().toString());
        n.put("summary", i.summary());
        strings(n.putArray("stages"), i.stages().stream().map(IncidentsJson::key).toList());
        ArrayNode timeline = n.putArray("timeline");
        for (TimelineEntry t : i.timeline()) {
            ObjectNode e = timeline.addObject();
            e.put("start", t.start().toString());
            e.put("end", t.end().toString());
            e.put("stage", key(t.stage()));
            e.put("detection", t.detectionId());
            e.put("title", t.title());
            e.put("severity", t.severity().label());
            strings(e.putArray("techniques"), t.techniques());
            e.put("explanation", t.explanation());
        }
        ObjectNode infra = n.putObject("infrastructure");
        ArrayNode ips = infra.putArray("ips");
        for (AttackerAddress a : i.infrastructure().addresses()) {
            ObjectNode e = ips.addObject();
            e.put("ip", a.ip());
            e.put("asn", a.asn());
            e.put("owner", a.owner());
            e.put("kind", key(a.kind()));
            e.put("country", a.country());
        }
        ArrayNode asns = infra.putArray("asns");
        for (AttackerNetwork a : i.infrastructure().networks()) {
            ObjectNode e = asns.addObject();
            e.put("asn", a.asn());
            e.put("owner", a.owner());
            e.put("kind", key(a.kind()));
        }
        strings(infra.putArray("userAgents"), i.infrastructure().userAgents());
        strings(infra.putArray("sessionIds"), i.infrastructure().sessionIds());
        ObjectNode campaign = n.putObject("campaign");
        campaign.put("id", i.blastRadius().campaignId());
        strings(campaign.putArray("otherUsers"), i.blastRadius().otherUsers());
        strings(campaign.putArray("alsoSeenUsers"), i.blastRadius().alsoSeenUsers());
        ArrayNode alerts = n.putArray("alerts");
        i.alerts().forEach(a -> alerts.add(alert(a)));
        ArrayNode activity = n.putArray("attackerActivity");
        for (AttackerActivity a : i.attackerActivity()) {
            ObjectNode e = activity.addObject();
            e.put("operation", a.operation());
            e.put("ip", a.ip());
            e.put("count", a.count());
            e.put("first", a.first().toString());
            e.put("last", a.last().toString());
            e.set("evidence", evidence(a.evidence()));
        }
        return n;
    }

    private static ObjectNode alert(Alert a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", a.id());
        n.put("tenant", a.tenant());
        n.put("userKey", a.userKey());
        n.put("user", a.user());
        n.put("detection", a.detectionId());
        n.put("title", a.title());
        n.put("severity", a.severity().label());
        n.put("confidence", a.confidence());
        // when the action happened: the event time of the record the alert is about (start..end is its window)
        n.put("time", IncidentView.anchor(a).map(Evidence::time).orElse(a.start()).toString());
        n.put("start", a.start().toString());
        n.put("end", a.end().toString());
        n.put("stage", key(a.stage()));
        strings(n.putArray("techniques"), a.techniques());
        n.put("explanation", a.explanation());
        ObjectNode infra = n.putObject("infrastructure");
        strings(infra.putArray("ips"), a.infrastructure().ips());
        ArrayNode asns = infra.putArray("asns");
        a.infrastructure().asns().forEach(asns::add);
        strings(infra.putArray("userAgents"), a.infrastructure().userAgents());
        strings(infra.putArray("sessionIds"), a.infrastructure().sessionIds());
        ArrayNode artifacts = n.putArray("artifacts");
        a.artifacts().forEach(x -> artifacts.add(ArtifactJson.write(x, MAPPER)));
        ArrayNode evidence = n.putArray("evidence");
        a.evidence().forEach(e -> evidence.add(evidence(e)));
        return n;
    }

    private static ObjectNode evidence(Evidence e) {
        ObjectNode n = MAPPER.createObjectNode();
        RecordRef r = e.record();
        n.put("ref", r.location());
        n.put("file", r.file());
        n.put("line", r.line());
        n.put("index", r.index());
        n.put("recordId", r.recordId());
        n.put("recordIdKind", RecordIds.key(r.idKind()));
        n.put("kind", key(e.kind()));
        n.put("time", e.time().toString());
        n.put("summary", e.summary());
        return n;
    }

    private static ObjectNode campaign(Campaign c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("severity", c.severity().label());
        n.put("firstSeen", c.firstSeen().toString());
        n.put("lastSeen", c.lastSeen().toString());
        strings(n.putArray("users"), c.users());
        strings(n.putArray("incidents"), c.incidentIds());
        ArrayNode indicators = n.putArray("indicators");
        for (SharedIndicator s : c.indicators()) {
            ObjectNode e = indicators.addObject();
            e.put("kind", key(s.kind()));
            e.put("value", s.value());
            e.put("label", s.label());
            strings(e.putArray("users"), s.users());
        }
        ArrayNode seen = n.putArray("alsoSeen");
        for (Sighting s : c.alsoSeen()) {
            ObjectNode e = seen.addObject();
            e.put("user", s.user());
            e.put("ip", s.ip());
            e.put("time", s.time().toString());
            e.put("activity", s.activity());
        }
        return n;
    }

    /** {@code INITIAL_ACCESS} → {@code initial-access}: every enum in the format is written this way. */
    static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    // ---------------------------------------------------------------- reading

    /** The incidents of an {@code aitm.incidents/2} file. */
    public static IncidentSet read(Path file) throws IOException {
        return readDocument(file).incidents();
    }

    /** One incident as {@link #incidentText} wrote it (the store keeps it so); {@code where} names it in messages. */
    public static Incident readIncident(String text, String where) throws IOException {
        try {
            return incident(new Node(MAPPER.readTree(text), ""));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(where + ": not JSON: " + e.getOriginalMessage());
        } catch (Unusable e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
    }

    /** The incidents and the run summary of an {@code aitm.incidents/2} file. */
    public static Document readDocument(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = MAPPER.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not JSON: " + e.getOriginalMessage());
        }
        try {
            return document(new Node(root, ""));
        } catch (Unusable e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Document document(Node root) {
        String schema = root.text("schema");
        if (!schema.equals(SCHEMA)) {
            throw new Unusable("schema", "is '" + schema + "'; this reader reads " + SCHEMA
                    + (schema.equals("aitm.incidents/1") ? " (write it again with this version of aitm detect)" : ""));
        }
        List<Incident> incidents = root.list("incidents", IncidentsJson::incident);
        List<Campaign> campaigns = root.list("campaigns", IncidentsJson::campaign);
        List<Alert> notices = root.list("notices", IncidentsJson::alert);
        return new Document(new IncidentSet(incidents, campaigns, notices), run(root.get("run")));
    }

    private static RunSummary run(Node n) {
        Node logs = n.get("logs");
        Optional<RunSummary.LogSpan> span = logs.has("first")
                ? Optional.of(new RunSummary.LogSpan(logs.time("first"), logs.time("last"))) : Optional.empty();
        return new RunSummary(n.strings("inputs"), n.number("events"), n.number("rejected"), n.number("late"), span,
                n.list("unreadableFiles", f -> new RunSummary.UnreadableFile(f.text("file"), f.text("reason"))),
                n.time("generated"), n.text("version"));
    }

    private static Incident incident(Node n) {
        Node infra = n.get("infrastructure");
        AttackerInfrastructure infrastructure = new AttackerInfrastructure(
                infra.list("ips", a -> new AttackerAddress(a.text("ip"), (int) a.number("asn"), a.text("owner"),
                        a.constant("kind", NetworkKind.class), a.text("country"))),
                infra.list("asns", a -> new AttackerNetwork((int) a.number("asn"), a.text("owner"), a.constant("kind", NetworkKind.class))),
                infra.strings("userAgents"), infra.strings("sessionIds"));
        Node campaign = n.get("campaign");
        return new Incident(n.text("id"), n.text("tenant"), n.text("userKey"), n.text("user"), n.severity("severity"),
                n.decimal("confidence"), n.time("start"), n.time("end"),
                n.list("stages", s -> s.constant(KillChainStage.class)),
                n.list("timeline", t -> new TimelineEntry(t.time("start"), t.time("end"), t.constant("stage", KillChainStage.class),
                        t.text("detection"), t.text("title"), t.severity("severity"), t.strings("techniques"), t.text("explanation"))),
                infrastructure, n.text("summary"), n.list("alerts", IncidentsJson::alert),
                new BlastRadius(campaign.text("id"), campaign.strings("otherUsers"), campaign.strings("alsoSeenUsers")),
                n.list("attackerActivity", a -> new AttackerActivity(a.text("operation"), a.text("ip"), a.number("count"),
                        a.time("first"), a.time("last"), evidence(a.get("evidence")))));
    }

    private static Alert alert(Node n) {
        Node infra = n.get("infrastructure");
        return new Alert(n.text("id"), n.text("tenant"), n.text("userKey"), n.text("user"), n.text("detection"),
                n.text("title"), n.severity("severity"), n.decimal("confidence"), n.time("start"), n.time("end"),
                n.constant("stage", KillChainStage.class), n.strings("techniques"), n.text("explanation"),
                new Alert.Infrastructure(infra.strings("ips"), infra.list("asns", a -> (int) a.number()),
                        infra.strings("userAgents"), infra.strings("sessionIds")),
                n.list("artifacts", ArtifactJson::read), n.list("evidence", IncidentsJson::evidence));
    }

    private static Evidence evidence(Node n) {
        RecordRef record = new RecordRef(n.text("file"), n.number("line"), (int) n.number("index"), n.text("recordId"),
                n.parsed("recordIdKind", RecordIds::parse));
        return new Evidence(record, n.constant("kind", EventKind.class), n.time("time"), n.text("summary"));
    }

    private static Campaign campaign(Node n) {
        return new Campaign(n.text("id"), n.severity("severity"), n.time("firstSeen"), n.time("lastSeen"), n.strings("users"),
                n.strings("incidents"),
                n.list("indicators", s -> new SharedIndicator(s.constant("kind", SharedIndicator.Kind.class), s.text("value"),
                        s.text("label"), s.strings("users"))),
                n.list("alsoSeen", s -> new Sighting(s.text("user"), s.text("ip"), s.time("time"), s.text("activity"))));
    }

    /** A field the reader cannot use, with its JSON path. */
    static final class Unusable extends RuntimeException {
        Unusable(String path, String reason) {
            super((path.isEmpty() ? "document" : path) + ": " + reason);
        }
    }

    /** A JSON node with its path, so that every complaint names where in the file it is ({@code incidents[2].alerts[0].id}). */
    record Node(JsonNode json, String path) {
        Node get(String field) {
            JsonNode v = json.get(field);
            if (v == null || v.isNull()) throw new Unusable(at(field), "missing");
            return new Node(v, at(field));
        }

        boolean has(String field) {
            return json.hasNonNull(field);
        }

        String text(String field) {
            Node v = get(field);
            if (!v.json.isTextual()) throw new Unusable(v.path, "is not a string");
            return v.json.textValue();
        }

        long number(String field) {
            return get(field).number();
        }

        long number() {
            if (!json.isIntegralNumber()) throw new Unusable(path, "is not a whole number");
            return json.longValue();
        }

        double decimal(String field) {
            Node v = get(field);
            if (!v.json.isNumber()) throw new Unusable(v.path, "is not a number");
            return v.json.doubleValue();
        }

        Instant time(String field) {
            return parsed(field, Instant::parse);
        }

        Severity severity(String field) {
            return parsed(field, Severity::parse);
        }

        <E extends Enum<E>> E constant(String field, Class<E> type) {
            return get(field).constant(type);
        }

        <E extends Enum<E>> E constant(Class<E> type) {
            if (!json.isTextual()) throw new Unusable(path, "is not a string");
            try {
                return Enum.valueOf(type, json.textValue().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new Unusable(path, "'" + json.textValue() + "' is not one of " + keys(type));
            }
        }

        <T> T parsed(String field, Function<String, T> parse) {
            String text = text(field);
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new Unusable(at(field), "'" + text + "' cannot be read: " + e.getMessage());
            }
        }

        List<String> strings(String field) {
            return list(field, s -> {
                if (!s.json.isTextual()) throw new Unusable(s.path, "is not a string");
                return s.json.textValue();
            });
        }

        <T> List<T> list(String field, Function<Node, T> element) {
            Node v = get(field);
            if (!v.json.isArray()) throw new Unusable(v.path, "is not an array");
            List<T> out = new ArrayList<>(v.json.size());
            for (int k = 0; k < v.json.size(); k++) out.add(element.apply(new Node(v.json.get(k), v.path + "[" + k + "]")));
            return List.copyOf(out);
        }

        private String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        private static <E extends Enum<E>> String keys(Class<E> type) {
            return String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(IncidentsJson::key).toList());
        }
    }
}

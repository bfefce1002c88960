package io.aitmdefense.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.incident.AttackerActivity;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.Campaign;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.SharedIndicator;
import io.aitmdefense.model.incident.Sighting;
import io.aitmdefense.model.incident.TimelineEntry;

import java.util.List;
import java.util.Locale;

/**
 * The JSON shape of incidents and alerts ({@code schema: "aitm.incidents/1"}). Written field by field rather than
 * by data binding so that renaming a Java field can never silently change the file format others parse.
 */
public final class ReportJson {
    public static final String SCHEMA = "aitm.incidents/1";

    private final ObjectMapper mapper;

    public ReportJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The whole {@code incidents.json} document: run summary, counts, incidents and campaigns. */
    public ObjectNode document(IncidentSet set, RunSummary run) {
        ObjectNode root = mapper.createObjectNode();
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

    public ObjectNode run(RunSummary run) {
        ObjectNode n = mapper.createObjectNode();
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
        return n;
    }

    public ObjectNode incident(Incident i) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", i.id());
        n.put("user", i.user());
        n.put("severity", i.severity().label());
        n.put("confidence", i.confidence());
        n.put("start", i.start().toString());
        n.put("end", i.end().toString());
        n.put("firstAttackerActivity", i.firstAttackerActivity().toString());
        n.put("summary", i.summary());
        strings(n.putArray("stages"), i.stages().stream().map(ReportJson::stage).toList());
        ArrayNode timeline = n.putArray("timeline");
        for (TimelineEntry t : i.timeline()) {
            ObjectNode e = timeline.addObject();
            e.put("start", t.start().toString());
            e.put("end", t.end().toString());
            e.put("stage", stage(t.stage()));
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
            e.put("kind", kind(a.kind().name()));
        }
        ArrayNode asns = infra.putArray("asns");
        for (AttackerNetwork a : i.infrastructure().networks()) {
            ObjectNode e = asns.addObject();
            e.put("asn", a.asn());
            e.put("owner", a.owner());
            e.put("kind", kind(a.kind().name()));
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

    private ObjectNode evidence(Evidence e) {
        ObjectNode r = mapper.createObjectNode();
        r.put("ref", e.source().toString());
        r.put("file", e.source().file());
        r.put("line", e.source().line());
        r.put("kind", e.kind().label());
        r.put("time", e.time().toString());
        r.put("summary", e.summary());
        return r;
    }

    /** One alert, as in {@code alerts.ndjson} and inside each incident. */
    public ObjectNode alert(Alert a) {
        ObjectNode n = mapper.createObjectNode();
        n.put("detection", a.detectionId());
        n.put("title", a.title());
        n.put("severity", a.severity().label());
        n.put("confidence", a.confidence());
        n.put("user", a.user());
        n.put("start", a.start().toString());
        n.put("end", a.end().toString());
        n.put("stage", stage(a.stage()));
        strings(n.putArray("techniques"), a.techniques());
        n.put("explanation", a.explanation());
        ObjectNode infra = n.putObject("infrastructure");
        strings(infra.putArray("ips"), a.infrastructure().ips());
        ArrayNode asns = infra.putArray("asns");
        a.infrastructure().asns().forEach(asns::add);
        strings(infra.putArray("userAgents"), a.infrastructure().userAgents());
        strings(infra.putArray("sessionIds"), a.infrastructure().sessionIds());
        ArrayNode evidence = n.putArray("evidence");
        a.evidence().forEach(e -> evidence.add(evidence(e)));
        return n;
    }

    public ObjectNode campaign(Campaign c) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", c.id());
        n.put("severity", c.severity().label());
        n.put("firstSeen", c.firstSeen().toString());
        n.put("lastSeen", c.lastSeen().toString());
        strings(n.putArray("users"), c.users());
        strings(n.putArray("incidents"), c.incidentIds());
        ArrayNode indicators = n.putArray("indicators");
        for (SharedIndicator s : c.indicators()) {
            ObjectNode e = indicators.addObject();
            e.put("kind", kind(s.kind().name()));
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

    /** {@code REPLAY} → {@code replay}, {@code INITIAL_ACCESS} → {@code initial-access}. */
    private static String stage(KillChainStage s) {
        return kind(s.name());
    }

    private static String kind(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}

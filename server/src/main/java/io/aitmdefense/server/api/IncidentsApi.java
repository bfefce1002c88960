package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.server.contain.Containment;
import io.aitmdefense.server.web.Principal;
import io.aitmdefense.server.web.Role;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentQuery;
import io.aitmdefense.store.IncidentRow;
import io.aitmdefense.store.IncidentStore;
import io.aitmdefense.store.ResponsePlans;
import io.aitmdefense.store.Suppressions;
import io.aitmdefense.store.Triage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Incidents: the queue (filters, counts per severity and status, sorting), one incident in detail, and a responder's
 * decisions on it — acknowledge, assign, false positive (which suppresses its detections for its user), reopen —
 * each stored, sealed onto the incident's audit chain (the one containment writes to) with its actor, and pushed to
 * open pages.
 */
final class IncidentsApi {
    static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");
    static final List<String> STATUSES = List.of(Triage.OPEN, Triage.ACKNOWLEDGED, Triage.FALSE_POSITIVE, "closed");
    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 5000;
    /** Every incident is read for the counts; a deployment past this many wants the store to count (not yet needed). */
    private static final int SCAN = 100_000;

    private final Database db;
    private final Clock clock;
    private final LiveEvents events;

    private IncidentsApi(Database db, Clock clock, LiveEvents events) {
        this.db = db;
        this.clock = clock;
        this.events = events;
    }

    static void register(RoutesConfig routes, ServerContext context) {
        IncidentsApi api = new IncidentsApi(context.db(), context.clock(), context.events());
        routes.get("/api/v1/incidents", api::list);
        routes.get("/api/v1/incidents/{id}", api::detail);
        routes.post("/api/v1/incidents/{id}/acknowledge", api::acknowledge);
        routes.post("/api/v1/incidents/{id}/assign", api::assign);
        routes.post("/api/v1/incidents/{id}/false-positive", api::falsePositive);
        routes.post("/api/v1/incidents/{id}/reopen", api::reopen);
    }

    // ---- the queue

    private void list(Context ctx) {
        Set<String> severities = values(ctx, "severity", SEVERITIES);
        Set<String> statuses = values(ctx, "status", STATUSES);
        Set<String> detections = values(ctx, "detection", List.of());
        Optional<Instant> from = time(ctx, "from");
        Optional<Instant> to = time(ctx, "to");
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip().toLowerCase(Locale.ROOT);
        Comparator<Item> order = sort(ctx.queryParam("sort"));
        int limit = limit(ctx.queryParam("limit"));

        IncidentQuery query = new IncidentQuery(Optional.ofNullable(blank(ctx.queryParam("tenant"))), Set.of(), Set.of(),
                Optional.ofNullable(blank(ctx.queryParam("user"))), Optional.empty(), SCAN);
        Map<String, String> assignees = db.triage().assignees();
        List<Item> scope = new ArrayList<>();
        for (IncidentRow r : db.incidents().list(query)) {
            Item item = new Item(r, Json.parse(r.body(), "incident " + r.id()));
            if (from.isPresent() && r.lastSeen().isBefore(from.get())) continue;
            if (to.isPresent() && r.firstSeen().isAfter(to.get())) continue;
            if (!detections.isEmpty() && item.detections().stream().noneMatch(detections::contains)) continue;
            if (!q.isEmpty() && !item.mentions(q, assignees.getOrDefault(r.id(), ""))) continue;
            scope.add(item);
        }
        ObjectNode out = Json.object();
        out.put("schema", "aitm.api.incidents/1");
        // counts are over everything the other filters let through, so the queue can show what each chip would add
        ObjectNode counts = out.putObject("counts");
        counts.put("total", scope.size());
        count(counts.putObject("severity"), SEVERITIES, scope, i -> i.row().severity());
        count(counts.putObject("status"), STATUSES, scope, i -> i.row().status());
        List<Item> shown = scope.stream()
                .filter(i -> severities.isEmpty() || severities.contains(i.row().severity()))
                .filter(i -> statuses.isEmpty() || statuses.contains(i.row().status()))
                .sorted(order).toList();
        out.put("matched", shown.size());
        ArrayNode list = out.putArray("incidents");
        shown.stream().limit(limit).forEach(i -> list.add(i.summary(assignees.getOrDefault(i.row().id(), ""))));
        Json.ok(ctx, out);
    }

    /** An incident of the queue: its row and its published JSON. */
    record Item(IncidentRow row, JsonNode body) {
        Set<String> detections() {
            Set<String> out = new LinkedHashSet<>();
            body.path("alerts").forEach(a -> out.add(a.path("detection").asText()));
            return out;
        }

        /** Whether any value of the incident (user, summary, IPs, detections, evidence, …) contains {@code q}. */
        boolean mentions(String q, String assignee) {
            return row.id().toLowerCase(Locale.ROOT).contains(q) || assignee.toLowerCase(Locale.ROOT).contains(q)
                    || contains(body, q);
        }

        private static boolean contains(JsonNode n, String q) {
            if (n.isValueNode()) return n.asText().toLowerCase(Locale.ROOT).contains(q);
            for (JsonNode child : n) {
                if (contains(child, q)) return true;
            }
            return false;
        }

        /** The published incident without its alerts and activity (the detail has them), with its triage state. */
        ObjectNode summary(String assignee) {
            ObjectNode n = ((ObjectNode) body).deepCopy();
            n.remove(List.of("alerts", "attackerActivity"));
            n.put("status", row.status());
            n.put("assignee", assignee);
            n.put("updatedAt", row.updatedAt().toString());
            n.put("alertCount", body.path("alerts").size());
            ArrayNode d = n.putArray("detections");
            detections().forEach(d::add);
            return n;
        }
    }

    private static void count(ObjectNode into, List<String> keys, List<Item> items, java.util.function.Function<Item, String> key) {
        Map<String, Integer> n = new TreeMap<>();
        for (Item i : items) n.merge(key.apply(i), 1, Integer::sum);
        for (String k : keys) into.put(k, n.getOrDefault(k, 0));
        n.forEach((k, v) -> {
            if (!keys.contains(k)) into.put(k, v);
        });
    }

    /** {@code sort=field} or {@code -field} (descending): severity, updated, first, last, user, status. */
    private static Comparator<Item> sort(String sort) {
        String s = sort == null || sort.isBlank() ? "-updated" : sort.strip();
        boolean desc = s.startsWith("-");
        String field = desc ? s.substring(1) : s;
        Comparator<Item> c = switch (field) {
            case "severity" -> Comparator.comparingInt(i -> SEVERITIES.indexOf(i.row().severity()));
            case "updated" -> Comparator.comparing(i -> i.row().updatedAt());
            case "first" -> Comparator.comparing(i -> i.row().firstSeen());
            case "last" -> Comparator.comparing(i -> i.row().lastSeen());
            case "user" -> Comparator.comparing(i -> i.row().user().toLowerCase(Locale.ROOT));
            case "status" -> Comparator.comparingInt(i -> STATUSES.indexOf(i.row().status()));
            default -> throw new BadRequestResponse("sort: severity, updated, first, last, user or status, '-' before "
                    + "it for descending (got '" + s + "')");
        };
        if (desc) c = c.reversed();
        // ties: the newest update first, then the id, so the order never depends on the store's
        return c.thenComparing(i -> i.row().updatedAt(), Comparator.reverseOrder()).thenComparing(i -> i.row().id());
    }

    private static Set<String> values(Context ctx, String param, List<String> allowed) {
        String v = ctx.queryParam(param);
        if (v == null || v.isBlank()) return Set.of();
        Set<String> out = new LinkedHashSet<>();
        for (String s : v.toLowerCase(Locale.ROOT).split(",")) {
            String t = s.strip();
            if (t.isEmpty()) continue;
            if (!allowed.isEmpty() && !allowed.contains(t)) {
                throw new BadRequestResponse(param + ": one or more of " + String.join(", ", allowed) + " (got '" + t + "')");
            }
            out.add(t);
        }
        return out;
    }

    private static Optional<Instant> time(Context ctx, String param) {
        String v = blank(ctx.queryParam(param));
        if (v == null) return Optional.empty();
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(param + ": an ISO-8601 UTC time like 2026-01-08T18:35:48Z (got '" + v + "')");
        }
    }

    private static int limit(String v) {
        if (v == null || v.isBlank()) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new BadRequestResponse("limit: a number from 1 to " + MAX_LIMIT + " (got '" + v + "')");
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    // ---- one incident

    private void detail(Context ctx) {
        Json.ok(ctx, detail(ctx.pathParam("id")));
    }

    /** {@code aitm.api.incident/1}: the incident, its alerts (each marked when suppressed), timeline, state, history, plans. */
    ObjectNode detail(String id) {
        IncidentRow row = db.incidents().get(id).orElseThrow(() -> new NotFoundResponse("no incident " + id));
        Triage.State state = db.triage().state(id).orElseThrow(() -> new NotFoundResponse("no incident " + id));
        JsonNode body = Json.parse(row.body(), "incident " + id);
        ObjectNode out = Json.object();
        out.put("schema", "aitm.api.incident/1");
        ObjectNode incident = ((ObjectNode) body).deepCopy();
        incident.remove(List.of("alerts", "timeline"));
        incident.put("status", row.status());
        incident.put("updatedAt", row.updatedAt().toString());
        incident.put("version", row.version());
        out.set("incident", incident);
        ArrayNode alerts = out.putArray("alerts");
        Suppressions suppressions = db.suppressions();
        for (JsonNode a : body.path("alerts")) {
            ObjectNode alert = ((ObjectNode) a).deepCopy();
            Optional<Suppressions.Suppression> s = suppressions.matching(row.tenant(), row.userKey(), a.path("detection").asText());
            alert.put("suppressed", s.isPresent());
            alerts.add(alert);
        }
        out.set("timeline", body.path("timeline").isArray() ? body.get("timeline") : Json.MAPPER.createArrayNode());
        ObjectNode st = out.putObject("state");
        st.put("status", state.status());
        st.put("assignee", state.assignee());
        st.put("reason", state.reason());
        st.put("updatedBy", state.updatedBy());
        state.updatedAt().ifPresent(t -> st.put("updatedAt", t.toString()));
        ArrayNode history = out.putArray("history");
        for (IncidentStore.IncidentChange c : db.incidents().history(id)) {
            ObjectNode h = history.addObject();
            h.put("at", c.at().toString());
            ArrayNode changes = h.putArray("changes");
            Arrays.stream(c.changes().split(",")).forEach(changes::add);
        }
        ArrayNode sup = out.putArray("suppressions");
        for (Suppressions.Suppression s : suppressions.ofIncident(id)) {
            ObjectNode n = sup.addObject();
            n.put("detection", s.detection());
            n.put("reason", s.reason());
            n.put("createdBy", s.createdBy());
            n.put("createdAt", s.createdAt().toString());
            n.put("active", s.active());
            s.liftedBy().ifPresent(b -> n.put("liftedBy", b));
            s.liftedAt().ifPresent(t -> n.put("liftedAt", t.toString()));
        }
        ArrayNode plans = out.putArray("plans");
        for (ResponsePlans.PlanRow p : db.plans().ofIncident(id)) {
            plans.addObject().put("id", p.id()).put("status", p.status()).put("updatedAt", p.updatedAt().toString());
        }
        return out;
    }

    // ---- decisions

    private void acknowledge(Context ctx) {
        Principal who = Principal.require(ctx, Role.RESPONDER);
        decide(ctx, who, "acknowledged", "", id -> db.triage().acknowledge(id, who.name(), clock.instant()));
    }

    private void assign(Context ctx) {
        Principal who = Principal.require(ctx, Role.RESPONDER);
        String assignee = Json.text(Json.body(ctx), "assignee");
        if (assignee.length() > 100) throw new BadRequestResponse("assignee: at most 100 characters");
        decide(ctx, who, "assigned", assignee, id -> db.triage().assign(id, assignee, who.name(), clock.instant()));
    }

    private void falsePositive(Context ctx) {
        Principal who = Principal.require(ctx, Role.RESPONDER);
        String reason = Json.text(Json.body(ctx), "reason");
        if (reason.length() > 2000) throw new BadRequestResponse("reason: at most 2000 characters");
        decide(ctx, who, "false-positive", reason, id -> {
            Set<String> detections = db.incidents().get(id)
                    .map(r -> new Item(r, Json.parse(r.body(), "incident " + id)).detections()).orElse(Set.of());
            return db.triage().falsePositive(id, reason, detections, who.name(), clock.instant());
        });
    }

    private void reopen(Context ctx) {
        Principal who = Principal.require(ctx, Role.RESPONDER);
        decide(ctx, who, "reopened", "", id -> db.triage().reopen(id, who.name(), clock.instant()));
    }

    /** Applies a decision, seals it onto the incident's audit chain, tells open pages, answers the new detail. */
    private void decide(Context ctx, Principal who, String outcome, String message, Predicate<String> apply) {
        String id = ctx.pathParam("id");
        if (!apply.test(id)) throw new NotFoundResponse("no incident " + id);
        Instant now = clock.instant();
        ObjectNode entry = Json.object();
        entry.put("time", now.toString());
        entry.put("actor", who.name());
        entry.put("approval", "");
        entry.put("incident", id);
        entry.put("step", "");
        entry.put("event", "triage");
        entry.put("outcome", outcome);
        if (!message.isEmpty()) entry.put("message", message);
        db.audit().append(Containment.chain(id), entry.toString(), now);
        events.incident(id, List.of(outcome.toUpperCase(Locale.ROOT).replace('-', '_')));
        Json.ok(ctx, detail(id));
    }
}

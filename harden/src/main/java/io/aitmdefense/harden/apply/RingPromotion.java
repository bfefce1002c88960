package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.harden.gate.GateReport;
import io.aitmdefense.harden.gate.Ring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves the plan's policies one ring on, only those the gate said {@code advance} for the ring it measured: the gate
 * report ({@code aitm.harden-gate/1}) is the permission. A generated policy goes report-only for all users (wider),
 * On for the pilot group (enforce), On for all users (expand); an adopted one only changes state, at enforce — the only
 * change a Microsoft-managed policy allows.
 */
public final class RingPromotion {

    private final TenantPolicies tenant;

    public RingPromotion(TenantPolicies tenant) {
        this.tenant = tenant;
    }

    public List<PlannedWrite> diff(CommittedPlan plan, Path gateJson) throws IOException {
        JsonNode gate = new ObjectMapper().readTree(gateJson.toFile());
        if (!gate.path("schema").asText().equals(GateReport.SCHEMA)) {
            throw new IllegalArgumentException(gateJson + ": not a gate report (schema " + GateReport.SCHEMA + ")");
        }
        Ring from = Ring.parse(gate.path("ring").asText())
                .orElseThrow(() -> new IllegalArgumentException(gateJson + ": unknown ring '" + gate.path("ring").asText() + "'"));
        Optional<Ring> to = from.following();
        List<PlannedWrite> out = new ArrayList<>();
        List<JsonNode> live = tenant.policies();
        for (CommittedPlan.Policy p : plan.policies()) {
            if (p.decision().equals("keep")) continue;
            Optional<JsonNode> verdict = find(gate, p.displayName());
            Optional<JsonNode> current = live.stream().filter(x -> p.existingId().map(id -> x.path("id").asText().equals(id))
                    .orElse(x.path("displayName").asText().equals(p.displayName()))).findFirst();
            String path = "identity/conditionalAccess/policies/" + current.map(c -> c.path("id").asText()).orElse("{missing}");
            if (verdict.isEmpty() || !verdict.get().path("verdict").asText().equals("advance")) {
                String why = verdict.map(v -> v.path("verdict").asText().replace('_', ' ') + ": " + v.path("reason").asText())
                        .orElse("not in the gate report");
                out.add(new PlannedWrite(PlannedWrite.Kind.WAITING, 0, "PATCH", "v1.0", path, "keep '" + p.displayName()
                        + "' in ring " + from.word(), null, why));
                continue;
            }
            if (to.isEmpty() || current.isEmpty()) {
                out.add(new PlannedWrite(PlannedWrite.Kind.UNCHANGED, 0, "PATCH", "v1.0", path, "'" + p.displayName() + "'",
                        null, current.isEmpty() ? "not in the tenant: apply the plan first" : "already in the last ring"));
                continue;
            }
            JsonNode users = current.get().path("conditions").path("users");
            JsonNode body = null;
            boolean generated = p.decision().equals("create");
            switch (to.get()) {
                case WIDER -> body = generated ? PlanApplier.promotion("enabledForReportingButNotEnforced", Optional.empty(), users) : null;
                case ENFORCE -> body = generated ? PlanApplier.promotion("enabled", Optional.of(plan.pilotGroup()), users)
                        : PlanApplier.promotion("enabled", Optional.empty(), null);
                case EXPAND -> body = generated ? PlanApplier.promotion("enabled", Optional.empty(), users) : null;
                case PILOT -> body = null;
            }
            if (body == null) {
                out.add(new PlannedWrite(PlannedWrite.Kind.UNCHANGED, 0, "PATCH", "v1.0", path, "'" + p.displayName() + "'",
                        null, "an adopted policy keeps its own scope in ring " + to.get().word()));
                continue;
            }
            out.add(new PlannedWrite(PlannedWrite.Kind.WRITE, 0, "PATCH", "v1.0", path, "promote '" + p.displayName() + "' to ring "
                    + to.get().word() + " (" + to.get().now() + ")", body, "gate: advance"));
        }
        return out;
    }

    private static Optional<JsonNode> find(JsonNode gate, String name) {
        for (JsonNode p : gate.path("policies")) if (p.path("displayName").asText().equals(name)) return Optional.of(p);
        return Optional.empty();
    }
}

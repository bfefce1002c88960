package io.aitmdefense.cli.respond;

import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.report.Containment;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.contain.CopyPasteCommands;
import io.aitmdefense.respond.contain.Iocs;
import io.aitmdefense.respond.contain.NamedLocation;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.IncidentFindings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.PlanOptions;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.render.PlanText;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Each incident's "Contain" section for {@code aitm detect}'s outputs: the plan {@code aitm respond plan} would make,
 * without a tenant connection (no preflight reads), handed to the report module as plain data. Wiring the two here
 * keeps {@code report} independent of the planner and the Microsoft clients (DESIGN §3).
 */
public final class OfflineContainment {
    private OfflineContainment() {
    }

    /**
     * @param breakGlass the break-glass accounts of a tenant id (from the detect config), so their plans say refused
     * @param respondArguments what {@code aitm respond plan ID} needs after the id: {@code --incidents FILE [--config FILE]}
     */
    public static Map<String, Containment> of(IncidentSet set, Function<String, Set<String>> breakGlass,
                                              String respondArguments, Instant now) {
        Map<String, Containment> out = new LinkedHashMap<>();
        Planner planner = new Planner();
        for (Incident i : set.incidents()) {
            Findings f = IncidentFindings.from(i);
            Plan plan = planner.plan(f, Optional.empty(), new PlanOptions(false, breakGlass.apply(i.tenant()), false), now);
            out.put(i.id(), of(plan, "aitm respond plan " + i.id() + " " + respondArguments));
        }
        return out;
    }

    static Containment of(Plan plan, String planCommand) {
        Findings f = plan.findings();
        CopyPasteCommands.Blocks blocks = CopyPasteCommands.of(plan);
        String location;
        try {
            location = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(NamedLocation.of(f));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
        return new Containment(f.incidentId(), planCommand,
                plan.steps().stream().map(s -> new Containment.Step(s.id(), s.title(), s.request(), PlanText.gate(s),
                        s.kind().reversible())).toList(),
                NamedLocation.ranges(f), location,
                Iocs.of(f).stream().map(x -> new Containment.Indicator(x.type(), x.value(), x.context())).toList(),
                List.of(new Containment.Commands("Microsoft Graph PowerShell", "powershell", blocks.graphPowerShell()),
                        new Containment.Commands("Azure CLI (az rest)", "bash", blocks.azCli()),
                        new Containment.Commands("Exchange Online and on-premises", "powershell", blocks.exchange())),
                plan.warnings());
    }
}

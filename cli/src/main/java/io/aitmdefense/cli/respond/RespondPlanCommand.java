package io.aitmdefense.cli.respond;

import io.aitmdefense.cli.ExitCodes;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.config.RespondSettings;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.plan.UserFacts;
import io.aitmdefense.respond.plan.UserFactsReader;
import io.aitmdefense.respond.render.PlanJson;
import io.aitmdefense.respond.render.PlanText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code aitm respond plan}: the ordered containment plan of one incident; reads at most, never writes. */
@Command(name = "plan",
        header = "Print the containment plan of one incident. Changes nothing.",
        description = {
                "Builds the plan from the incident's evidence. With a tenant file that has a 'microsoft:' section it",
                "also reads who the user is (directory roles, directory-synced, Entra ID P2) to refuse privileged",
                "and break-glass accounts and to plan a synced user's password reset on-premises; without one the",
                "plan is made offline and those checks happen when it runs.",
                "--out DIR writes plan.json, contain.ps1 (Exchange and on-premises), commands.md (Graph",
                "PowerShell and az rest), named-location.json (the attacker's IPs to block) and iocs.csv /",
                "iocs.stix.json (attacker infrastructure).",
                ""},
        footer = {"", "Exit status: 0 planned, 1 the plan is refused (privileged or break-glass account),",
                "2 bad usage or unreadable input, 5 the run failed."},
        sortOptions = false, usageHelpAutoWidth = true)
public final class RespondPlanCommand implements Callable<Integer> {

    @Mixin
    IncidentOptions incident;

    @Option(names = "--json", description = "Print the plan as JSON (schema aitm.plan/1).")
    boolean json;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Also write the plan and its scripts and exports here.")
    Optional<Path> out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        Findings f = incident.findings();
        RespondSettings settings = incident.settings();
        Optional<TenantApi> api = IncidentOptions.connect(settings);
        Optional<UserFacts> facts = api.map(a -> UserFactsReader.read(a, f));
        Plan plan = new Planner().plan(f, facts, incident.planOptions(settings), Instant.now());
        if (json) {
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(PlanJson.plan(plan)));
        } else {
            System.out.print(PlanText.plan(plan));
        }
        if (out.isPresent()) {
            ContainFiles.write(plan, out.get());
            if (!json) System.out.println("Wrote the plan, scripts and exports to " + out.get());
        }
        return plan.refused() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}

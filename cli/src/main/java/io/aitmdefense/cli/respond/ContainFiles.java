package io.aitmdefense.cli.respond;

import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.contain.CopyPasteCommands;
import io.aitmdefense.respond.contain.Iocs;
import io.aitmdefense.respond.contain.NamedLocation;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.render.PlanJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The files of the "Contain" section for one incident: plan, scripts, named location, IOCs. */
final class ContainFiles {
    private ContainFiles() {
    }

    static void write(Plan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        var pretty = Json.MAPPER.writerWithDefaultPrettyPrinter();
        Files.writeString(dir.resolve("plan.json"), pretty.writeValueAsString(PlanJson.plan(plan)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("contain.ps1"), plan.script(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("commands.md"), CopyPasteCommands.markdown(plan), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("named-location.json"), pretty.writeValueAsString(NamedLocation.of(plan.findings())) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("iocs.csv"), Iocs.csv(plan.findings()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("iocs.stix.json"), pretty.writeValueAsString(Iocs.stix(plan.findings(), Instant.now())) + "\n",
                StandardCharsets.UTF_8);
    }
}

package io.aitmdefense.cli.respond;

import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.http.HttpObserver;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.respond.api.GraphTenantApi;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.config.RespondSettings;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.IncidentFindings;
import io.aitmdefense.respond.plan.PlanOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Which incident, from which incidents.json, under which tenant file: the options every respond command shares. */
public final class IncidentOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INCIDENT",
            description = "The incident id (inc-…) as printed by 'aitm detect', or the user's UPN.")
    String incident;

    @Option(names = "--incidents", required = true, paramLabel = "FILE",
            description = "The incidents.json that 'aitm detect --out DIR' wrote (schema aitm.incidents/2).")
    Path incidents;

    @Option(names = "--config", paramLabel = "FILE",
            description = {"The tenant file: 'microsoft:' connects to the tenant (docs/microsoft.md), 'tenant.breakGlass'",
                    "lists accounts never acted on, 'respond:' turns on Exchange actions and automatic containment",
                    "(docs/respond.md)."})
    Optional<Path> config;

    @Option(names = "--confirm-privileged",
            description = "Act on an account that holds a directory role or is a break-glass account.")
    boolean confirmPrivileged;

    /** The incident's findings; a usage error naming the ids there are when it is not in the file. */
    Findings findings() throws IOException {
        IncidentSet set = IncidentsJson.read(incidents);
        String want = incident.toLowerCase(Locale.ROOT);
        for (Incident i : set.incidents()) {
            if (i.id().equalsIgnoreCase(want) || i.user().equalsIgnoreCase(want)) return IncidentFindings.from(i);
        }
        String known = set.incidents().isEmpty() ? "it holds no incidents"
                : "it holds " + String.join(", ", set.incidents().stream().map(i -> i.id() + " (" + i.user() + ")").toList());
        throw new ParameterException(spec.commandLine(), "No incident '" + incident + "' in " + incidents + ": " + known);
    }

    RespondSettings settings() throws IOException {
        return config.isPresent() ? RespondSettings.load(config.get()) : RespondSettings.NONE;
    }

    PlanOptions planOptions(RespondSettings s) {
        return new PlanOptions(confirmPrivileged, s.breakGlass(), s.exchange());
    }

    /** The tenant connection, when the tenant file has a {@code microsoft:} section. */
    static Optional<TenantApi> connect(RespondSettings s) {
        return connect(s, HttpObserver.NONE);
    }

    /** As {@link #connect(RespondSettings)}, telling {@code observer} of every attempt (retries included). */
    static Optional<TenantApi> connect(RespondSettings s, HttpObserver observer) {
        return s.microsoft().map(ms -> new GraphTenantApi(MicrosoftClients.builder(ms).observer(observer).build(), s.exchange()));
    }
}

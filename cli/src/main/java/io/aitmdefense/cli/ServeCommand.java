package io.aitmdefense.cli;

import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.server.ServeSettings;
import io.aitmdefense.server.Service;
import io.aitmdefense.server.api.AdminToken;
import io.aitmdefense.server.demo.DemoFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code aitm serve}: watch tenants continuously — live sources, the streaming engine, the store, the API. */
@Command(name = "serve",
        header = "Watch tenants live: sources, streaming detection, a store and an API.",
        description = {
                "Reads live sources (a watched folder, Graph sign-in and audit polling, the",
                "Office 365 Management Activity API, Event Hubs through Kafka), runs the",
                "detections as a stream and keeps incidents and alerts in a database (an",
                "embedded one by default, PostgreSQL with 'database:' in the serve file).",
                "A restart, even after kill -9, resumes from the last snapshot: nothing is",
                "lost and no alert is stored twice.",
                "",
                "On first start an admin token is written to DATA/admin-token (mode 600);",
                "API calls send it as 'Authorization: Bearer <token>'. GET /api/v1/health",
                "needs no token. The serve file is documented in docs/serve.md.",
                "",
                "Try it: aitm serve --demo   streams the bundled example tenant through a",
                "watched folder, so incidents appear live.",
                ""},
        sortOptions = false, usageHelpAutoWidth = true)
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The serve file (serve.yaml).")
    Optional<Path> config;

    @Option(names = "--demo", description = "Stream the bundled example tenant through a watched folder.")
    boolean demo;

    @Option(names = "--port", paramLabel = "N", description = "Port for --demo (default ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder for --demo (default ${DEFAULT-VALUE}).")
    Path data = Path.of("aitm-demo");

    @Option(names = "--example", paramLabel = "DIR", hidden = true, description = "The example tenant to stream.")
    Path example = Path.of("examples/tenant-contoso");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        if (demo == config.isPresent()) {
            throw new ParameterException(spec.commandLine(), "give either --config serve.yaml or --demo");
        }
        ServeSettings settings;
        if (demo) {
            if (!Files.isDirectory(example.resolve("logs"))) {
                throw new ParameterException(spec.commandLine(), "--demo streams " + example.resolve("logs")
                        + ", which is not here: run it from the repository folder, or give --example DIR");
            }
            settings = ServeSettings.demo(data, port, data.resolve("inbox"), example.resolve("tenant.yaml"));
        } else {
            try {
                settings = ServeSettings.load(config.get());
            } catch (IllegalArgumentException e) {
                TerminalOut.line(System.err, e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        Service service = Service.start(settings, Clock.systemUTC(), ServeCommand::announce);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "aitm-serve-shutdown"));
        String url = "http://" + settings.host() + ":" + service.port();
        System.err.println("aitm serve: listening on " + url + " (health: " + url + "/api/v1/health)");
        Path tokenFile = settings.data().resolve(AdminToken.FILE);
        System.err.println(service.newTokenFile().isPresent()
                ? "aitm serve: the admin token is in " + tokenFile + " (shown nowhere else; keep it secret)"
                : "aitm serve: the admin token was written to " + tokenFile + " at first start");
        settings.oidc().ifPresent(o -> System.err.println("aitm serve: sign-in with Entra ID (" + o.tenant() + "), redirect URI "
                + o.redirectUri() + " (register it on the app: docs/console.md)"));
        service.canaryPaths().forEach((tenant, path) -> System.err.println("aitm serve: sign-in page canary of tenant "
                + tenant + ": <public URL of this service>" + path + " (aitm harden canary --url … writes its CSS)"));
        if (demo) {
            Thread feed = new Thread(new DemoFeed(example.resolve("logs"), settings.data().resolve("inbox"),
                    Duration.ofSeconds(2), m -> System.err.println(m)), "aitm-demo-feed");
            feed.setDaemon(true);
            feed.start();
            System.err.println("aitm serve: try  curl -H \"Authorization: Bearer $(cat " + tokenFile + ")\" "
                    + url + "/api/v1/incidents");
        }
        service.run();
        return ExitCodes.OK;
    }

    private static void announce(IncidentUpdate u) {
        TerminalOut.line(System.err, "incident " + u.incident().id() + " " + u.incident().severity().label()
                + " " + u.incident().user() + ": " + String.join(", ", u.changes().stream().map(Enum::name).sorted().toList()));
    }
}

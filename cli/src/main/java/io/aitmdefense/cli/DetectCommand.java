package io.aitmdefense.cli;

import io.aitmdefense.cli.respond.OfflineContainment;
import io.aitmdefense.report.Containment;
import io.aitmdefense.report.ReportFiles;
import io.aitmdefense.report.IncidentsJson;
import io.aitmdefense.report.RunSummary;
import io.aitmdefense.report.TerminalSummary;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.detections.MicrosoftAlertTally;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.detect.run.DetectionRun;
import io.aitmdefense.events.read.Rejection;
import io.aitmdefense.events.read.FileSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code aitm detect}: the detections over log files, incidents on the terminal and in report files. */
@Command(name = "detect",
        header = "Find AiTM phishing, token replay and the persistence that follows in a tenant's logs.",
        description = {
                "Reads every file (folders recursively, gzip too), runs the detection",
                "catalogue over the events in event-time order, groups each user's alerts",
                "into incidents with a kill-chain timeline, and links incidents that share",
                "attacker infrastructure into campaigns. Prints the incidents, most severe",
                "first, each with the containment plan 'aitm respond' would run (made",
                "offline, nothing is sent); with --out also writes a self-contained",
                "report.html (with a Contain section per incident: steps, commands to",
                "paste, the IP block and the indicators),",
                "incidents.json (schema aitm.incidents/2), alerts.ndjson, incidents.csv",
                "and attacker-infrastructure.csv.",
                ""},
        footer = {"",
                "Examples:",
                "  aitm detect exports/ --out aitm-out",
                "  aitm detect signins.json.gz audit.json --config tenant.yaml --fail-on high",
                "  aitm detect --explain session-replay",
                "  aitm detect --export-rules sentinel sentinel-rules/ --config tenant.yaml",
                "",
                "Exit status: 0 no incident at or above --fail-on, 1 incidents at or above",
                "--fail-on, 2 bad usage, 3 some input rows or files were rejected (the rest",
                "was analysed), 4 no usable input, 5 the run failed."},
        sortOptions = false, usageHelpAutoWidth = true)
final class DetectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Log files or folders to read.")
    List<Path> paths = List.of();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Write report.html, incidents.json, alerts.ndjson and the CSV files into DIR (created if missing).")
    Optional<Path> out = Optional.empty();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML with tenant context (trusted networks, break-glass accounts, VIPs) and thresholds;"
                    + " only the keys it changes. See 'aitm detect --show-config'.")
    Optional<Path> config = Optional.empty();

    @Option(names = "--asn-db", paramLabel = "FILE.mmdb",
            description = "A MaxMind-format ASN database (GeoLite2-ASN, IPinfo) to use before the bundled one.")
    Optional<Path> asnDb = Optional.empty();

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with status 1 when an incident is at least this severe: low, medium, high, critical.")
    Optional<String> failOn = Optional.empty();

    @Option(names = "--json", description = "Print the incidents as JSON instead of text.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show every alert and its evidence under each incident.")
    boolean verbose;

    @Option(names = "--explain", paramLabel = "ID",
            description = "Describe a detection (why it matters, false positives, what to check next) and exit;"
                    + " 'all' lists the catalogue.")
    Optional<String> explain = Optional.empty();

    @Option(names = "--show-config", description = "Print the effective configuration (every threshold and the tenant context,"
            + " with --config applied) and exit.")
    boolean showConfig;

    @Option(names = "--export-rules", arity = "2", paramLabel = "FORMAT DIR",
            description = "Write the detections that a query can express as rules for your SIEM into DIR and exit:"
                    + " FORMAT sentinel (Microsoft Sentinel scheduled analytics rules, KQL) or sigma. Thresholds and"
                    + " trusted networks come from --config.")
    List<String> exportRules = List.of();

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: one per core).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = System.out;
        if (explain.isPresent()) return explain(explain.get(), stdout);
        if (showConfig) {
            stdout.print(Catalogue.configText(config.isPresent() ? DetectConfig.load(config.get()) : DetectConfig.defaults()));
            return ExitCodes.OK;
        }
        if (!exportRules.isEmpty()) return exportRules(stdout);
        if (paths.isEmpty()) throw new ParameterException(spec.commandLine(), "Missing log files or folders to read (PATH).");
        Optional<Severity> threshold = failOn.map(this::severity);
        if (out.isPresent()) refuseToWriteIntoInputs(out.get());

        DetectConfig settings = config.isPresent() ? DetectConfig.load(config.get()) : DetectConfig.defaults();
        if (config.isEmpty()) System.err.println(DetectConfig.NO_TENANT_CONTEXT);
        Enrichment enrichment = Enrichments.load(settings, asnDb);
        TerminalProgress progress = TerminalProgress.forTerminal();
        MicrosoftAlertTally microsoftAlerts = new MicrosoftAlertTally(settings);
        DetectionRun.Result result = DetectionRun.run(paths, settings, enrichment, threads, progress, microsoftAlerts);
        progress.finish();
        if (!microsoftAlerts.summary().isEmpty()) TerminalOut.line(System.err, microsoftAlerts.summary());

        RunSummary summary = summary(result);
        // the plan aitm respond would make, offline: what to run is part of what was found
        String respondArguments = "--incidents " + out.map(d -> d.resolve(ReportFiles.INCIDENTS_JSON).toString())
                .orElse("DIR/incidents.json") + config.map(c -> " --config " + c).orElse(" --config tenant.yaml");
        Map<String, Containment> contain = OfflineContainment.of(result.incidents(),
                tenant -> settings.tenants().of(tenant).breakGlass(), respondArguments, summary.generated());
        if (json) {
            IncidentsJson.write(result.incidents(), summary, contain, stdout);
            // the JSON carries the warning too; a person watching a pipeline reads stderr
            summary.nothingReadWarning().ifPresent(w -> TerminalOut.line(System.err, "aitm detect: " + w));
        } else {
            new TerminalSummary(TerminalSummary.colourWanted(), verbose, contain).print(result.incidents(), summary, stdout);
            TerminalOut.block(System.err, err -> printInputProblems(result, err));
        }
        if (out.isPresent()) {
            List<Path> written = ReportFiles.write(out.get(), result.incidents(), summary, Catalogue.infos(), contain);
            if (!json) for (Path p : written) stdout.println("wrote " + p);
        }
        return exitStatus(result, threshold);
    }

    private int exportRules(PrintStream stdout) throws IOException {
        DetectConfig settings = config.isPresent() ? DetectConfig.load(config.get()) : DetectConfig.defaults();
        try {
            return RuleExportRun.run(exportRules.get(0), Path.of(exportRules.get(1)), settings, stdout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static int exitStatus(DetectionRun.Result result, Optional<Severity> threshold) {
        if (result.read().events() == 0) return ExitCodes.NO_INPUT;
        if (threshold.isPresent()) {
            for (Incident i : result.incidents().incidents()) {
                if (i.severity().compareTo(threshold.get()) >= 0) return ExitCodes.FINDINGS;
            }
        }
        if (result.read().rejected() > 0 || result.read().failedFiles() > 0) return ExitCodes.REJECTED_INPUT;
        return ExitCodes.OK;
    }

    static RunSummary summary(DetectionRun.Result r) {
        Optional<RunSummary.LogSpan> span = r.read().first().map(f -> new RunSummary.LogSpan(f, r.read().last().orElse(f)));
        // the files actually read: the report writer refuses to overwrite any of them
        List<RunSummary.UnreadableFile> unreadable = r.read().files().stream()
                .flatMap(f -> f.error().stream().map(e -> new RunSummary.UnreadableFile(f.file(), e))).toList();
        return new RunSummary(r.read().files().stream().map(FileSummary::file).toList(), r.read().events(), r.read().rejected(),
                r.engine().stats().lateEvents(), span, unreadable, Instant.now(), Aitm.version());
    }

    /** Rejected rows and unreadable files go to stderr so that piping the summary keeps only the findings. */
    private static void printInputProblems(DetectionRun.Result r, PrintStream err) {
        for (FileSummary f : r.read().files()) {
            f.error().ifPresent(e -> err.println(f.file() + ": " + e));
            for (Rejection rej : f.firstRejections()) err.println(rej);
            if (f.rejected() > f.firstRejections().size()) {
                err.printf("%s: … and %d more rejected rows%n", f.file(), f.rejected() - f.firstRejections().size());
            }
        }
        long late = r.engine().stats().lateEvents();
        if (late > 0) {
            err.printf("%d event(s) arrived more than the allowed lateness behind newer ones and were not analysed;"
                    + " raise engine.allowedLateness in --config if your exports are that far out of order.%n", late);
        }
        if (!r.engine().failures().isEmpty()) {
            err.printf("%d detection failure(s); the first: %s%n", r.engine().stats().detectionFailures(),
                    r.engine().failures().get(0));
        }
    }

    /** Report files must never land among the inputs: a later run would read them, or they would replace a log. */
    private void refuseToWriteIntoInputs(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ParameterException(spec.commandLine(), "--out " + dir + " is a file; give a folder for the reports.");
        }
        for (Path p : paths) {
            Path input = p.toAbsolutePath().normalize();
            if (Files.isDirectory(input) ? target.startsWith(input) : target.equals(input)) {
                throw new ParameterException(spec.commandLine(), "--out " + dir + " is inside the input " + p
                        + "; the reports would be read as logs next time. Choose a folder outside the inputs.");
            }
        }
    }

    private Severity severity(String name) {
        try {
            return Severity.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    "--fail-on " + name + " is not a severity; use low, medium, high or critical.");
        }
    }

    private static int explain(String id, PrintStream out) {
        List<DetectionInfo> infos = Catalogue.infos();
        if (id.equals("all")) {
            for (DetectionInfo i : infos) out.printf("%-26s %-8s %-18s %s%n", i.id(), i.severity().label(),
                    i.stage().label(), i.title());
            out.println();
            out.println("'aitm detect --explain ID' describes one.");
            return ExitCodes.OK;
        }
        Optional<DetectionInfo> info = Catalogue.info(id);
        if (info.isEmpty()) {
            System.err.println("no detection '" + id + "'; 'aitm detect --explain all' lists them.");
            return ExitCodes.USAGE;
        }
        DetectionInfo i = info.get();
        out.println(i.id() + " — " + i.title());
        out.println("severity " + i.severity().label() + ", kill-chain stage " + i.stage().label()
                + ", ATT&CK " + String.join(", ", i.techniques()));
        out.println();
        out.println("Why it matters: " + i.why());
        out.println();
        out.println("Known false positives: " + i.falsePositives());
        out.println();
        out.println("What to check next: " + i.nextSteps());
        return ExitCodes.OK;
    }
}

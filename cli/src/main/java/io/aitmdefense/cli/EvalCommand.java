package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.report.ReportFiles;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.simulate.eval.EvalJson;
import io.aitmdefense.simulate.eval.EvalTable;
import io.aitmdefense.simulate.eval.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code aitm eval}: detection quality on a simulated tenant, measured against its truth.json. */
@Command(name = "eval",
        header = "Measure detection quality on a simulated tenant: precision, recall, false positives, time to detect.",
        description = {
                "Runs the detector over SIMULATED/logs with the tenant context from SIMULATED/truth.json (its trusted",
                "named locations and mail domain, what you would put in 'aitm detect --config'), then compares the",
                "incidents and alerts with the labelled campaigns:",
                "  - incidents: precision, recall over the victims whose attacker replayed the session or left",
                "    persistence, and false-positive incidents per 10,000 user-days;",
                "  - each detection: true and false alerts, precision, and recall over the victims it applies to;",
                "  - time from the attacker's first replay to the first matching alert (its start and its end).",
                "docs/evaluation.md defines every number. Goals: incident recall 100%, incident precision >= 95%,",
                "at most 1 false-positive incident per 10,000 user-days.",
                ""},
        footer = {"",
                "Examples:",
                "  aitm simulate --users 200 --days 7 --campaigns 4 --out sim && aitm eval sim",
                "  aitm eval sim --json > eval.json",
                "  aitm eval sim --out sim-eval --check",
                "",
                "Exit status: 0 done (and with --check every goal met), 1 a goal was missed (with --check),",
                "2 bad usage, 4 the folder is not a simulation, 5 the run failed."},
        sortOptions = false, usageHelpAutoWidth = true)
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SIMULATED", description = "A folder written by 'aitm simulate --out' (logs/ and truth.json).")
    Path simulated;

    @Option(names = "--json", description = "Print the evaluation as JSON instead of a table.")
    boolean json;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Also write eval.json and the detector's incidents.json, alerts.ndjson and report.html into DIR.")
    Optional<Path> out = Optional.empty();

    @Option(names = "--check", description = "Exit with status 1 when a goal is missed (for CI and pipelines).")
    boolean check;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: one per core).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(simulated.resolve("truth.json")) || !Files.isDirectory(simulated.resolve("logs"))) {
            System.err.println(simulated + " is not a simulated tenant: it needs logs/ and truth.json"
                    + " (write one with 'aitm simulate --out " + simulated + "').");
            return ExitCodes.NO_INPUT;
        }
        if (out.isPresent()) refuseToWriteIntoLogs(out.get());
        TerminalProgress progress = TerminalProgress.forTerminal();
        Evaluation.Outcome outcome = Evaluation.run(simulated, threads, progress);
        progress.finish();

        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode document = new EvalJson(mapper).document(outcome.truth(), outcome.report());
        PrintStream stdout = System.out;
        if (json) {
            stdout.println(mapper.writeValueAsString(document));
        } else {
            EvalTable.print(outcome.report(), stdout);
        }
        if (out.isPresent()) {
            List<Path> written = new ArrayList<>(ReportFiles.write(out.get(), outcome.detection().incidents(),
                    DetectCommand.summary(outcome.detection()), Catalogue.infos()));
            Path evalJson = out.get().resolve("eval.json");
            mapper.writeValue(evalJson.toFile(), document);
            written.add(evalJson);
            if (!json) for (Path p : written) stdout.println("wrote " + p);
        }
        return check && !outcome.report().goalsMet() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The reports must not land among the logs: the next evaluation would read them as input. */
    private void refuseToWriteIntoLogs(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ParameterException(spec.commandLine(), "--out " + dir + " is a file; give a folder for the reports.");
        }
        Path logs = simulated.resolve("logs").toAbsolutePath().normalize();
        if (target.startsWith(logs)) {
            throw new ParameterException(spec.commandLine(), "--out " + dir + " is inside " + logs
                    + "; the reports would be read as logs. Choose a folder outside it.");
        }
    }
}

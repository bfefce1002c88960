package io.aitmdefense.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.ReadReport;
import io.aitmdefense.report.IngestSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code aitm ingest}: what would be read from these files, without running detections. */
@Command(name = "ingest",
        header = "Check which logs are recognised in files or folders, and what would be read.",
        description = {
                "Reads every file (folders recursively, gzip too) and prints per file the",
                "recognised shape and table, rows per event kind, rejected rows with",
                "file:line and the reason, and the time span covered. Shapes are recognised",
                "from content, never from file names. Nothing is written.",
                ""},
        footer = {"", "Exit status: 0 all rows read, 3 some rows or files were rejected,",
                "4 nothing usable was read, 2 bad usage."},
        sortOptions = false, usageHelpAutoWidth = true)
final class IngestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Log files or folders to read.")
    List<Path> paths;

    @Option(names = "--json", description = "Print the summary as JSON instead of text.")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: one per core).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        TerminalProgress progress = TerminalProgress.forTerminal();
        long start = System.nanoTime();
        ReadReport report = new LogReader(threads).read(paths, e -> { }, progress);
        progress.finish();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        PrintStream out = System.out;
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(IngestSummary.toJson(report, took)));
        } else {
            TerminalOut.block(out, p -> IngestSummary.print(p, report, took));
        }
        return exitStatus(report);
    }

    static int exitStatus(ReadReport report) {
        if (report.events() == 0) return ExitCodes.NO_INPUT;
        if (report.rejected() > 0 || report.failedFiles() > 0) return ExitCodes.REJECTED_INPUT;
        return ExitCodes.OK;
    }
}

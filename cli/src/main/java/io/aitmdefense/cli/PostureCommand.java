package io.aitmdefense.cli;

import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.config.MicrosoftSettings;
import io.aitmdefense.graph.config.SettingsException;
import io.aitmdefense.harden.canary.BrandingCanary;
import io.aitmdefense.posture.assess.Check;
import io.aitmdefense.posture.assess.PostureAssessment;
import io.aitmdefense.posture.assess.PostureAssessor;
import io.aitmdefense.posture.assess.PostureHtmlReport;
import io.aitmdefense.posture.assess.PostureJsonReport;
import io.aitmdefense.posture.assess.PostureTextReport;
import io.aitmdefense.posture.assess.Severity;
import io.aitmdefense.posture.canary.CanaryBlock;
import io.aitmdefense.posture.canary.SignInPageCanary;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import io.aitmdefense.posture.read.ReadProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code aitm posture}: scores a Conditional Access export against the AiTM kill chain. */
@Command(name = "posture",
        header = "Assess a Conditional Access export against AiTM phishing and token replay.",
        description = {
                "Reads a Conditional Access export (policies, named locations, authentication",
                "strengths and contexts; Graph JSON or PowerShell objects, UTF-8 or UTF-16) and prints",
                "  - the four-control score: phishing-resistant MFA, token protection,",
                "    compliant device, CAE;",
                "  - the kill chain x control matrix: enforced, report-only or no enforced",
                "    control, with the policies involved;",
                "  - what a replayed cookie or refresh token gets per persona and target,",
                "    evaluated like What If from an unregistered Linux or Windows host on a",
                "    hosting network at medium sign-in risk;",
                "  - findings with stable ids (AITM-CA-nnn); --explain ID says why and the fix;",
                "  - the sign-in page canary in the company branding (docs/canary.md): read",
                "    through Graph with --config, or from a saved custom CSS with --branding;",
                "    without either it is reported as not checked.",
                "How to export: docs/posture-export.md. Nothing leaves this machine (--config",
                "only reads the tenant's branding).",
                ""},
        subcommands = {
                PostureWhatIfCommand.class,
        },
        footer = {"", "Exit status: 0 no finding at or above --fail-on, 1 findings at or above",
                "--fail-on (default high), 2 bad usage, 3 some input files or objects were",
                "rejected (the rest was assessed), 4 no usable input (no policy was read),",
                "5 the run failed."},
        sortOptions = false, usageHelpAutoWidth = true)
final class PostureCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "EXPORT", description = "Export folders or files.")
    List<Path> exports = new ArrayList<>();

    @Option(names = "--directory", paramLabel = "FILE",
            description = "Directory snapshot (users, group names, break-glass ids) to read with the export.")
    Optional<Path> directory = Optional.empty();

    @Option(names = "--break-glass", paramLabel = "ID", split = ",",
            description = "Break-glass user or group object ids (comma-separated). Without it they are inferred and reported.")
    List<String> breakGlass = new ArrayList<>();

    @Option(names = "--protected-action-context", paramLabel = "cN", split = ",",
            description = "Authentication contexts your protected actions on CA management require, if known.")
    List<String> protectedActionContexts = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "tenant.yaml whose microsoft: section connects to Graph: read the sign-in page's custom CSS (needs OrganizationalBranding.Read.All).")
    Optional<Path> config = Optional.empty();

    @Option(names = "--branding", paramLabel = "FILE", description = "A saved copy of the sign-in page's custom CSS, instead of --config.")
    Optional<Path> branding = Optional.empty();

    @Option(names = "--canary-url", paramLabel = "URL",
            description = "This tenant's canary image URL (aitm serve prints it): a canary pointing elsewhere is stale.")
    Optional<String> canaryUrl = Optional.empty();

    @Option(names = "--out", paramLabel = "DIR", description = "Also write posture.json and posture.html to DIR.")
    Optional<Path> out = Optional.empty();

    @Option(names = "--json", description = "Print the assessment as JSON instead of text.")
    boolean json;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            converter = SeverityConverter.class,
            description = "Exit 1 when a finding is at least this severe: info, low, medium, high, critical (default ${DEFAULT-VALUE}).")
    Severity failOn = Severity.HIGH;

    @Option(names = "--explain", paramLabel = "ID", description = "Print why a finding matters and how to fix it, then exit.")
    Optional<String> explain = Optional.empty();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    /** Injected by tests; the report is dated by it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        if (explain.isPresent()) {
            Optional<Check> check = Check.byId(explain.get());
            if (check.isEmpty()) {
                stderr.println("aitm posture: unknown finding id " + explain.get() + " (ids are AITM-CA-001 … AITM-CA-"
                        + Check.values()[Check.values().length - 1].id().substring("AITM-CA-".length()) + ")");
                return ExitCodes.USAGE;
            }
            TerminalOut.block(stdout, p -> PostureTextReport.explain(check.get(), p));
            return ExitCodes.OK;
        }
        if (exports.isEmpty()) {
            stderr.println("aitm posture: give the export folder or files (see docs/posture-export.md)");
            return ExitCodes.USAGE;
        }
        if (config.isPresent() && branding.isPresent()) {
            stderr.println("aitm posture: give either --config (the branding read through Graph) or --branding (a saved CSS file), not both");
            return ExitCodes.USAGE;
        }
        if (branding.isPresent() && !Files.isRegularFile(branding.get())) {
            stderr.println("aitm posture: --branding " + branding.get() + ": no such file");
            return ExitCodes.USAGE;
        }
        if (canaryUrl.isPresent() && !CanaryBlock.isImageUrl(canaryUrl.get())) {
            stderr.println("aitm posture: --canary-url must be https://HOST/canary/TOKEN.gif (aitm serve prints it at start), not " + canaryUrl.get());
            return ExitCodes.USAGE;
        }
        SignInPageCanary canary;
        try {
            canary = canary();
        } catch (SettingsException e) {
            stderr.println("aitm posture: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<Path> inputs = new ArrayList<>(exports);
        directory.ifPresent(inputs::add);
        // a missing path is reported by the reader like any unreadable input and the rest is read, as detect does
        CaReadResult read = new CaExportReader().read(inputs);
        for (ReadProblem problem : read.errors()) TerminalOut.line(stderr, "aitm posture: " + problem);
        if (!read.warnings().isEmpty()) {
            TerminalOut.line(stderr, "aitm posture: " + read.warnings().size() + " warning(s) while reading, first: " + read.warnings().get(0));
        }
        if (read.snapshot().policies().isEmpty()) {
            stderr.println("aitm posture: no Conditional Access policy found in " + inputs);
            return ExitCodes.NO_INPUT;
        }
        Set<String> contexts = new LinkedHashSet<>(protectedActionContexts);
        PostureAssessment assessment = new PostureAssessor().assess(read.snapshot(),
                new PostureAssessor.Options(new LinkedHashSet<>(breakGlass), contexts, clock, canary));
        if (json) {
            stdout.println(PostureJsonReport.write(assessment));
        } else {
            TerminalOut.block(stdout, p -> PostureTextReport.print(assessment, p));
        }
        if (out.isPresent()) writeReports(assessment, out.get(), inputs, stdout);
        if (assessment.hasFindingsAtLeast(failOn)) return ExitCodes.FINDINGS;
        return read.errors().isEmpty() ? ExitCodes.OK : ExitCodes.REJECTED_INPUT;
    }

    /** The canary in the branding: the same Graph read as {@code harden canary --check}, or the saved file. */
    private SignInPageCanary canary() throws IOException, SettingsException {
        if (config.isPresent()) {
            return new BrandingCanary(MicrosoftClients.connect(MicrosoftSettings.load(config.get())).graph()).check(canaryUrl);
        }
        if (branding.isPresent()) {
            return SignInPageCanary.of(Files.readString(branding.get(), StandardCharsets.UTF_8), branding.get().toString(), canaryUrl);
        }
        return SignInPageCanary.notChecked();
    }

    private void writeReports(PostureAssessment assessment, Path dir, List<Path> inputs, PrintStream stdout) throws IOException {
        Files.createDirectories(dir);
        Path jsonFile = dir.resolve("posture.json");
        Path htmlFile = dir.resolve("posture.html");
        for (Path target : List.of(jsonFile, htmlFile)) {
            for (Path input : inputs) {
                if (Files.isRegularFile(input) && Files.exists(target) && Files.isSameFile(input, target)) {
                    throw new IllegalArgumentException(target + " is one of the inputs; choose another --out folder");
                }
            }
        }
        Files.writeString(jsonFile, PostureJsonReport.write(assessment) + "\n", StandardCharsets.UTF_8);
        Files.writeString(htmlFile, PostureHtmlReport.write(assessment), StandardCharsets.UTF_8);
        if (!json) stdout.println("\nWrote " + jsonFile + " and " + htmlFile);
    }

    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a severity; use info, low, medium, high or critical.");
            }
        }
    }
}

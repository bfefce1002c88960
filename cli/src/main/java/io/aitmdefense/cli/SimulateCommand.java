package io.aitmdefense.cli;

import io.aitmdefense.simulate.OutputFormat;
import io.aitmdefense.simulate.Simulation;
import io.aitmdefense.simulate.SimulationReport;
import io.aitmdefense.simulate.SimulationSpec;
import io.aitmdefense.simulate.canary.CanaryHits;
import io.aitmdefense.simulate.truth.CampaignTruth;
import io.aitmdefense.simulate.truth.TargetedUser;
import io.aitmdefense.simulate.write.WrittenFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code aitm simulate}: a synthetic tenant's logs with attack campaigns and ground truth. */
@Command(name = "simulate",
        header = "Generate a labelled tenant: realistic Entra and Microsoft 365 logs with AiTM campaigns, plus truth.json.",
        description = {
                "Generates benign users with hard cases (SASE egress, CGNAT and Wi-Fi/cellular",
                "hops, IPv4/IPv6 dual stack, VDI in a cloud ASN, Microsoft front-end addresses,",
                "legitimate rules, consents, MFA and CA changes, false-positive risk detections)",
                "and attack campaigns (Evilginx cookie replay, Tycoon-style kit, device-code",
                "phishing, refresh-token theft; from the fifth campaign on also replay through",
                "a residential proxy, a family refresh token pivoting to ARM and Key Vault,",
                "authorization-code phishing of VS Code, persistence days after the replay)",
                "followed by persistence and impact. The same seed gives the same bytes.",
                "",
                "Each table goes to OUT/logs/<format>/<table>/<day>.json in the first listed",
                "format that carries it:",
                "  la     Log Analytics NDJSON (SigninLogs, AADNonInteractiveUserSignInLogs,",
                "         AuditLogs, AADUserRiskEvents, OfficeActivity)",
                "  eh     Entra diagnostic settings as Event Hubs batches {\"records\":[...]}",
                "  graph  Graph beta pages {\"value\":[...]} of signIns, directoryAudits,",
                "         riskDetections",
                "  ual    Office 365 Management Activity API records (Exchange)",
                "OUT/canary-hits.ndjson holds the sign-in page canary's image loads: Microsoft's",
                "page for every typed password, a kit's page before each proxied sign-in.",
                "OUT/truth.json lists every campaign, victim, stage time, attacker",
                "infrastructure and attacker record id. OUT/tenant.yaml is the tenant context",
                "its admins would give the detector:",
                "  aitm detect OUT/logs --config OUT/tenant.yaml",
                ""},
        sortOptions = false, usageHelpAutoWidth = true)
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--users", paramLabel = "N", description = "Users in the tenant (default: ${DEFAULT-VALUE}).")
    int users = 50;

    @Option(names = "--days", paramLabel = "D", description = "Days of activity (default: ${DEFAULT-VALUE}).")
    int days = 2;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed; the same seed gives identical files (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--campaigns", paramLabel = "C", description = "Attack campaigns; the first hits several users (default: ${DEFAULT-VALUE}).")
    int campaigns = 2;

    @Option(names = "--formats", paramLabel = "F[,F...]", split = ",",
            description = "Output formats in order of preference: la, eh, graph, ual (default: la).")
    List<String> formats = List.of("la");

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (must not already hold output).")
    Path out;

    @Option(names = "--start", paramLabel = "DATE", description = "First day, yyyy-MM-dd UTC (default: 2026-01-05).")
    LocalDate start = LocalDate.ofInstant(SimulationSpec.DEFAULT_START, ZoneOffset.UTC);

    @Option(names = "--gzip", description = "Compress every log file (.gz).")
    boolean gzip;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Mail domain of the users (default: ${DEFAULT-VALUE}).")
    String domain = SimulationSpec.DEFAULT_DOMAIN;

    @Option(names = "--harden-plan", paramLabel = "DIR",
            description = "Deploy the policies of an 'aitm harden plan' folder report-only, with known failing clients "
                    + "(OUT/harden-truth.json), as ground truth for 'aitm harden gate'.")
    Optional<Path> hardenPlan = Optional.empty();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        List<OutputFormat> parsed = new ArrayList<>();
        for (String f : formats) parsed.add(OutputFormat.parse(f));
        Instant first = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        SimulationSpec spec = new SimulationSpec(users, days, seed, campaigns, parsed, out, first, gzip, domain);
        long began = System.nanoTime();
        boolean tty = System.console() != null;
        SimulationReport report = Simulation.run(spec, hardenPlan, day -> {
            if (tty) System.err.printf("\rday %d/%d", day, days);
        });
        if (tty) System.err.print("\r\033[K");
        print(System.out, report, (System.nanoTime() - began) / 1e9);
        return ExitCodes.OK;
    }

    static void print(PrintStream out, SimulationReport report, double seconds) {
        Map<String, long[]> byFolder = new TreeMap<>();
        for (WrittenFile f : report.files()) {
            long[] v = byFolder.computeIfAbsent(f.format() + "/" + f.table(), k -> new long[3]);
            v[0]++;
            v[1] += f.rows();
            v[2] += f.bytes();
        }
        byFolder.forEach((k, v) -> out.printf("  %-50s %4d files %10d rows %9.1f MB%n", k, v[0], v[1], v[2] / 1e6));
        out.printf("total: %d rows, %.1f MB in %.1f s (%.0f rows/s)%n", report.totalRows(), report.totalBytes() / 1e6, seconds,
                report.totalRows() / Math.max(seconds, 1e-3));
        for (CampaignTruth c : report.truth().campaigns()) {
            out.printf("%s %s: %d victim(s) from %s%n", c.id(), c.technique(), c.victims().size(), c.infrastructure().ips());
            if (c.pageDomain().isEmpty()) continue;
            List<String> signedIn = c.targeted().stream().filter(TargetedUser::signedIn).map(TargetedUser::userPrincipalName).toList();
            List<String> left = c.targeted().stream().filter(t -> !t.signedIn()).map(TargetedUser::userPrincipalName).toList();
            out.printf("  page %s shown to %d user(s): signed in through it: %s; left without signing in: %s%n", c.pageDomain(),
                    c.targeted().size(), signedIn.isEmpty() ? "none" : String.join(", ", signedIn),
                    left.isEmpty() ? "none" : String.join(", ", left));
        }
        out.println("truth: " + report.truthFile());
        out.println("canary: " + report.truthFile().resolveSibling(CanaryHits.FILE) + "  (the sign-in page canary's image loads; docs/canary.md)");
        Path tenant = report.truthFile().resolveSibling(Simulation.TENANT_CONFIG);
        out.println("tenant: " + tenant + "  (aitm detect " + Simulation.logs(report.truthFile().getParent()) + " --config " + tenant + ")");
    }
}

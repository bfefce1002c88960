package io.aitmdefense.simulate;

import io.aitmdefense.simulate.activity.TenantDays;
import io.aitmdefense.simulate.canary.CanaryHits;
import io.aitmdefense.simulate.harden.Hardening;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.LogTable;
import io.aitmdefense.simulate.tenant.Tenant;
import io.aitmdefense.simulate.tenant.TenantFactory;
import io.aitmdefense.simulate.tenant.User;
import io.aitmdefense.simulate.truth.BenignTruth;
import io.aitmdefense.simulate.truth.GroundTruth;
import io.aitmdefense.simulate.truth.TenantTruth;
import io.aitmdefense.simulate.write.LogFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Generates a labelled tenant: benign users with hard cases, attack campaigns, the logs in the chosen formats under
 * {@code OUT/logs/<format>/<table>/<day>.json}, {@code OUT/truth.json} and the sign-in page canary's image loads
 * ({@code OUT/canary-hits.ndjson}, {@link CanaryHits}). Deterministic for a seed; memory is bounded by one day of records (records are produced a day at a
 * time and written in arrival order, so files grow on disk, not in memory).
 */
public final class Simulation {
    /** Written beside truth.json: the tenant context for {@code aitm detect --config}. */
    public static final String TENANT_CONFIG = "tenant.yaml";

    private Simulation() {
    }

    public static SimulationReport run(SimulationSpec spec) throws IOException {
        return run(spec, day -> { });
    }

    /** As {@link #run(SimulationSpec)}, calling {@code progress} with each finished day (1-based). */
    public static SimulationReport run(SimulationSpec spec, IntConsumer progress) throws IOException {
        return run(spec, Optional.empty(), progress);
    }

    /**
     * As {@link #run(SimulationSpec, IntConsumer)}, with the policies of an {@code aitm harden plan} folder deployed
     * report-only and their ground truth written to {@link Hardening#TRUTH_FILE} beside truth.json.
     */
    public static SimulationReport run(SimulationSpec spec, Optional<Path> hardenPlan, IntConsumer progress) throws IOException {
        Map<LogTable, OutputFormat> routes = routes(spec.formats());
        Path truthFile = spec.out().resolve("truth.json");
        Path tenantFile = spec.out().resolve(TENANT_CONFIG);
        Path hitsFile = spec.out().resolve(CanaryHits.FILE);
        Path logs = logs(spec.out());
        for (Path p : List.of(logs, truthFile, tenantFile, hitsFile)) {
            if (Files.exists(p)) {
                throw new IllegalArgumentException(p + " already exists: choose an empty --out folder (the simulation never overwrites files)");
            }
        }
        Files.createDirectories(logs);
        Tenant created = TenantFactory.create(spec.seed(), spec.users(), spec.days(), spec.domain());
        Optional<Hardening> hardening = hardenPlan.isEmpty() ? Optional.empty() : Optional.of(Hardening.of(hardenPlan.get(), created));
        Tenant tenant = hardening.map(h -> h.apply(created)).orElse(created);
        UnaryOperator<LogRecord> adjust = hardening.isPresent() ? hardening.get()::adjust : UnaryOperator.identity();
        TenantDays days = new TenantDays(tenant, spec.seed(), spec.start(), spec.days(), spec.campaigns());
        long[] seq = {0};
        PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparing((Pending p) -> p.record.arrival())
                .thenComparingLong(p -> p.seq));
        LogFiles files = new LogFiles(logs, tenant, routes, spec.gzip());
        try (files) {
            for (int d = 0; d < spec.days(); d++) {
                days.generate(d, r -> pending.add(new Pending(r, seq[0]++)));
                java.time.Instant dayEnd = spec.start().plusSeconds(86_400L * (d + 1));
                while (!pending.isEmpty() && pending.peek().record.arrival().isBefore(dayEnd)) files.write(adjust.apply(pending.poll().record));
                progress.accept(d + 1);
            }
            while (!pending.isEmpty()) files.write(adjust.apply(pending.poll().record));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        files.rows().forEach((t, n) -> rows.put(t.name(), n));
        GroundTruth truth = new GroundTruth(GroundTruth.VERSION, spec.seed(), spec.start().toString(), spec.users(), spec.days(),
                spec.formats().stream().map(OutputFormat::code).toList(), rows, tenantTruth(tenant), days.campaigns(),
                benign(tenant, days));
        truth.write(truthFile);
        writeTenantConfig(tenantFile, truth);
        days.canaryHits().write(hitsFile, tenant.tenantId());
        if (hardening.isPresent()) hardening.get().writeTruth(spec.out().resolve(Hardening.TRUTH_FILE));
        return new SimulationReport(files.files(), rows, truthFile, truth);
    }

    /**
     * The tenant's context as its administrators would write it for {@code aitm detect --config}: without it the
     * tenant's own VDI and proxy egress would count as untrusted hosting.
     */
    private static void writeTenantConfig(Path file, GroundTruth truth) throws IOException {
        Files.writeString(file, truth.tenant().detectConfigYaml(), StandardOpenOption.CREATE_NEW);
    }

    /**
     * The folder the logs go to, {@code OUT/logs}: {@code aitm detect OUT/logs} reads them all, while truth.json stays
     * beside it and out of the detector's input.
     */
    public static Path logs(Path out) {
        return out.resolve("logs");
    }

    /** Each table goes to the first listed format that carries it; a table no listed format carries is an error. */
    static Map<LogTable, OutputFormat> routes(List<OutputFormat> formats) {
        Map<LogTable, OutputFormat> routes = new EnumMap<>(LogTable.class);
        List<String> missing = new ArrayList<>();
        for (LogTable t : LogTable.values()) {
            for (OutputFormat f : formats) {
                if (f.carries(t)) {
                    routes.put(t, f);
                    break;
                }
            }
            if (!routes.containsKey(t)) missing.add(t.name());
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no chosen format carries " + String.join(", ", missing)
                    + " (add la or ual for OFFICE_ACTIVITY; la, eh or graph for sign-ins, audits and risk detections)");
        }
        return routes;
    }

    private static TenantTruth tenantTruth(Tenant t) {
        return new TenantTruth(t.tenantId(), t.domain(),
                List.of(new TenantTruth.NamedRange(t.corporateEgress().name(), t.corporateEgress().cidr())),
                List.of(new TenantTruth.NamedRange(t.vdiEgress().name(), t.vdiEgress().cidr())));
    }

    private static BenignTruth benign(Tenant tenant, TenantDays days) {
        Map<String, Long> personas = new TreeMap<>();
        List<BenignTruth.UserPersona> users = new ArrayList<>(tenant.users().size());
        for (User u : tenant.users()) {
            personas.merge(u.persona().label(), 1L, Long::sum);
            users.add(new BenignTruth.UserPersona(u.userPrincipalName(), u.persona().label()));
        }
        return new BenignTruth(personas, days.hardCases().counts(), users);
    }

    private record Pending(LogRecord record, long seq) {
    }
}

package io.aitmdefense.server.api;

import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.events.read.ReadReport;
import io.aitmdefense.harden.gate.GateReport;
import io.aitmdefense.harden.gate.GateThresholds;
import io.aitmdefense.harden.gate.GatedPolicies;
import io.aitmdefense.harden.gate.GatedPolicy;
import io.aitmdefense.harden.gate.Ring;
import io.aitmdefense.harden.gate.RolloutGate;
import io.aitmdefense.harden.plan.BreakGlassIds;
import io.aitmdefense.harden.plan.HardenPlan;
import io.aitmdefense.harden.plan.PlanOptions;
import io.aitmdefense.harden.plan.PlannedPolicy;
import io.aitmdefense.harden.plan.PolicyPlanner;
import io.aitmdefense.harden.verify.PlanVerification;
import io.aitmdefense.harden.verify.PlanVerifier;
import io.aitmdefense.posture.assess.PostureAssessment;
import io.aitmdefense.posture.assess.PostureAssessor;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import io.aitmdefense.posture.read.ReadProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The serve file's Conditional Access export assessed by the posture module (as {@code aitm posture}), and the AiTM
 * policy set planned from it with each policy's ring and the rollout gate's verdicts over the configured sign-in logs
 * (as {@code aitm harden plan} and {@code aitm harden gate}). Both are kept until a file they were read from changes,
 * so a fresh export or a new day of logs shows without a restart. The API and the console's pages share one instance.
 */
public final class PostureReports {
    public static final String NO_POSTURE =
            "no posture: name the Conditional Access export in the serve file (posture: {exports: [folder]})";
    public static final String NO_HARDEN = "no harden settings: add the pilot group and the break-glass accounts to the "
            + "serve file's posture section (posture: {exports: [folder], breakGlass: [object id], pilotGroup: <group object id>, "
            + "signIns: [sign-in log folder]})";

    /** The export as read and assessed; {@code assessment} is empty when no policy was read. */
    public record PostureReading(List<Path> inputs, List<String> errors, List<String> warnings,
                                 ConditionalAccessSnapshot snapshot, Optional<PostureAssessment> assessment) {
        public int policies() {
            return snapshot.policies().size();
        }
    }

    /**
     * The generated set for the export (empty when it has no policy: nothing to plan against), checked by the posture
     * evaluator, each policy's ring, one gate report per ring the gated policies are in, and the sign-in logs read.
     */
    public record HardenReading(PostureReading export, PostureSource settings, Optional<HardenPlan> plan,
                                Optional<PlanVerification> verification, List<PolicyRing> rings, List<GateReport> gates,
                                SignInsRead signIns) {
    }

    /**
     * Where one planned policy stands: its ring read from the deployed policy's state and audience (a policy not yet in
     * the export starts in the pilot ring once applied), or none when it is deployed but disabled.
     */
    public record PolicyRing(PlannedPolicy policy, boolean deployed, String state, Optional<Ring> ring) {
    }

    /** The sign-in logs the gate read: inputs, sign-ins counted, rows rejected and the first problems (file:line: reason). */
    public record SignInsRead(List<Path> inputs, long events, long rejected, List<String> problems) {
        static final SignInsRead NONE = new SignInsRead(List.of(), 0, 0, List.of());
    }

    private final Optional<PostureSource> source;
    private final Clock clock;
    private FileTime postureAt;
    private PostureReading posture;
    private FileTime hardenAt;
    private HardenReading harden;

    public PostureReports(Optional<PostureSource> source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public Optional<PostureSource> source() {
        return source;
    }

    /**
     * Reads and assesses in the background now, so the first page a responder opens does not wait for the plan's
     * verification and a day of sign-in logs. A failure here is left for the first request to report.
     */
    void warm() {
        if (source.isEmpty()) return;
        Thread t = new Thread(() -> {
            try {
                posture();
                harden();
            } catch (RuntimeException e) {
                // the request that needs it reads again and answers with the reason
            }
        }, "aitm-posture-warm");
        t.setDaemon(true);
        t.start();
    }

    /** The export's assessment; empty without a {@code posture:} section. */
    public synchronized Optional<PostureReading> posture() {
        if (source.isEmpty()) return Optional.empty();
        FileTime newest = newest(source.get().exports());
        if (posture == null || !newest.equals(postureAt)) {
            posture = read(source.get());
            postureAt = newest;
        }
        return Optional.of(posture);
    }

    /** The harden view; empty without a {@code posture:} section naming a pilot group. */
    public synchronized Optional<HardenReading> harden() {
        if (source.isEmpty() || source.get().pilotGroup().isEmpty()) return Optional.empty();
        PostureSource s = source.get();
        FileTime newest = newest(s.inputs());
        if (harden == null || !newest.equals(hardenAt)) {
            harden = harden(s, posture().orElseThrow());
            hardenAt = newest;
        }
        return Optional.of(harden);
    }

    private PostureReading read(PostureSource s) {
        CaReadResult read = new CaExportReader().read(s.exports());
        Optional<PostureAssessment> assessment = read.snapshot().policies().isEmpty() ? Optional.empty()
                : Optional.of(new PostureAssessor().assess(read.snapshot(), new PostureAssessor.Options(s.breakGlass(), Set.of(), clock)));
        return new PostureReading(s.exports(), read.errors().stream().map(ReadProblem::toString).toList(),
                read.warnings().stream().map(ReadProblem::toString).toList(), read.snapshot(), assessment);
    }

    private HardenReading harden(PostureSource s, PostureReading export) {
        ConditionalAccessSnapshot snapshot = export.snapshot();
        if (snapshot.policies().isEmpty()) {
            return new HardenReading(export, s, Optional.empty(), Optional.empty(), List.of(), List.of(), SignInsRead.NONE);
        }
        BreakGlassIds breakGlass = BreakGlassIds.classify(List.copyOf(s.breakGlass()), snapshot);
        HardenPlan plan = new PolicyPlanner().plan(snapshot, new PlanOptions(s.pilotGroup().orElseThrow(), breakGlass, s.prefix()));
        PlanVerification verification = new PlanVerifier(clock).verify(snapshot, plan);
        List<PolicyRing> rings = new ArrayList<>();
        for (PlannedPolicy p : plan.policies()) {
            Optional<ConditionalAccessPolicy> deployed = p.existingId().flatMap(id -> snapshot.policies().stream()
                    .filter(x -> x.id().equals(id)).findFirst()).or(() -> snapshot.policy(p.displayName()));
            rings.add(deployed.map(d -> new PolicyRing(p, true, d.state().graphName(), Ring.of(d)))
                    .orElse(new PolicyRing(p, false, "not in the export", Optional.of(Ring.PILOT))));
        }
        // one gate per ring the gated policies are in, all fed from one read of the logs
        Map<Ring, List<GatedPolicy>> byRing = new EnumMap<>(Ring.class);
        for (GatedPolicy g : GatedPolicies.fromPlan(plan, snapshot)) {
            Ring ring = rings.stream().filter(r -> r.policy().displayName().equals(g.displayName())).findFirst()
                    .flatMap(PolicyRing::ring).orElse(Ring.PILOT);
            byRing.computeIfAbsent(ring, r -> new ArrayList<>()).add(g);
        }
        if (s.signIns().isEmpty()) {
            return new HardenReading(export, s, Optional.of(plan), Optional.of(verification), rings, List.of(), SignInsRead.NONE);
        }
        List<RolloutGate> gates = byRing.entrySet().stream()
                .map(e -> new RolloutGate(e.getValue(), e.getKey(), GateThresholds.DEFAULT)).toList();
        ReadReport report;
        try {
            report = new LogReader().read(s.signIns(), e -> gates.forEach(g -> g.accept(e)), Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        report.files().forEach(f -> {
            f.error().ifPresent(e -> problems.add(f.file() + ": " + e));
            f.firstRejections().forEach(r -> problems.add(r.toString()));
        });
        SignInsRead read = new SignInsRead(s.signIns(), report.events(), report.rejected(), problems);
        return new HardenReading(export, s, Optional.of(plan), Optional.of(verification), rings,
                gates.stream().map(RolloutGate::report).toList(), read);
    }

    /** The newest modification time of any file of the inputs: what says an input changed. */
    private static FileTime newest(List<Path> inputs) {
        FileTime newest = FileTime.fromMillis(0);
        for (Path p : inputs) {
            if (!Files.exists(p)) continue;
            try (Stream<Path> files = Files.walk(p)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    FileTime t = Files.getLastModifiedTime(f);
                    if (t.compareTo(newest) > 0) newest = t;
                }
            } catch (IOException e) {
                return FileTime.fromMillis(System.nanoTime()); // unreadable now: read again, and let the reader say why
            }
        }
        return newest;
    }
}

package io.aitmdefense.detect.run;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.engine.BatchSettings;
import io.aitmdefense.detect.engine.EngineResult;
import io.aitmdefense.detect.engine.EngineSettings;
import io.aitmdefense.detect.engine.LocalEngine;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch run's result does not depend on the order of its files or the number of reader threads, and drops nothing. */
class DetectionRunBatchOrderTest {
    static final Path LAB = Path.of("../shared/data/logs/sentinel-training-lab");

    static List<Path> files;
    static DetectionRun.Result nameOrder;

    @TempDir
    Path temp;

    @BeforeAll
    static void runInNameOrder() throws IOException {
        files = LogReader.expand(List.of(LAB));
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        nameOrder = DetectionRun.run(files, DetectConfig.defaults(), enrichment(), 1, Progress.NONE);
    }

    static Enrichment enrichment() {
        return new CuratedEnrichment(TenantContext.EMPTY, AsnDatabase.EMPTY);
    }

    @Test
    void theTrainingLabIsReadWithoutALateEvent() {
        assertThat(nameOrder.read().events()).isGreaterThan(300);
        assertThat(nameOrder.read().kinds()).containsKeys(EventKind.SIGN_IN, EventKind.OFFICE_ACTIVITY);
        assertThat(nameOrder.engine().stats().events()).isEqualTo(nameOrder.read().events());
        assertThat(nameOrder.engine().stats().lateEvents()).isZero();
        assertThat(nameOrder.batch().events()).isEqualTo(nameOrder.read().events());
    }

    @Test
    void filesInReverseOrderWithSeveralReadersGiveTheSameAlertsAndIncidents() throws IOException {
        List<Path> reversed = new ArrayList<>(files);
        Collections.reverse(reversed);

        DetectionRun.Result r = DetectionRun.run(reversed, DetectConfig.defaults(), enrichment(), 4, Progress.NONE);

        assertThat(r.engine().stats().lateEvents()).isZero();
        assertThat(alerts(r)).isNotEmpty().isEqualTo(alerts(nameOrder));
        assertThat(r.incidents()).isEqualTo(nameOrder.incidents());
    }

    @Test
    void theInboxRuleFileReadLastIsNotDropped() throws IOException {
        // inbox-rule rows are two days older than the newest sign-ins: behind a live watermark if read last
        List<Path> inboxLast = new ArrayList<>(files);
        Path inbox = inboxLast.stream().filter(p -> p.getFileName().toString().contains("inbox_rule")).findFirst().orElseThrow();
        inboxLast.remove(inbox);
        inboxLast.add(inbox);

        EngineResult straight;
        try (LocalEngine engine = LocalEngine.start(Catalogue.enabled(DetectConfig.defaults()), enrichment(),
                EngineSettings.from(DetectConfig.defaults()))) {
            new LogReader(1).read(inboxLast, engine, Progress.NONE);
            straight = engine.finish();
        }
        assertThat(straight.stats().lateEvents()).as("read straight into the engine").isPositive();

        DetectionRun.Result r = DetectionRun.run(inboxLast, DetectConfig.defaults(), enrichment(), 2, Progress.NONE);

        assertThat(r.engine().stats().lateEvents()).isZero();
        assertThat(r.engine().stats().events()).isEqualTo(r.read().events());
        assertThat(alerts(r)).isNotEmpty().isEqualTo(alerts(nameOrder));
    }

    @Test
    void aTinyMemoryBudgetSpillsToDiskGivesTheSameResultAndLeavesNoFiles() throws IOException {
        BatchSettings tiny = BatchSettings.defaults().withMemoryBudget(1024).withTempParent(temp);

        DetectionRun.Result r = DetectionRun.run(files, DetectConfig.defaults(), enrichment(), 2, tiny, Progress.NONE);

        assertThat(r.batch().spills()).isGreaterThan(0);
        assertThat(r.batch().peakMemoryBytes()).isLessThanOrEqualTo(1024);
        assertThat(alerts(r)).isNotEmpty().isEqualTo(alerts(nameOrder));
        assertThat(r.incidents()).isEqualTo(nameOrder.incidents());
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    /** Every alert of the run: the incidents' and the notices'. */
    private static List<io.aitmdefense.model.Alert> alerts(DetectionRun.Result r) {
        List<io.aitmdefense.model.Alert> all = new ArrayList<>(r.incidents().alerts());
        all.addAll(r.incidents().notices());
        return all;
    }
}

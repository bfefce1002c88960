package io.aitmdefense.detect.detections;

import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.detect.config.DetectConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueTest {

    @Test
    void everyDetectionHasAUniqueIdAndTheTextAReportShows() {
        assertThat(Catalogue.infos()).extracting(DetectionInfo::id).doesNotHaveDuplicates();
        assertThat(Catalogue.infos()).allSatisfy(i -> {
            assertThat(i.id()).matches("[a-z]+(-[a-z]+)*");
            assertThat(i.techniques()).isNotEmpty().allMatch(t -> t.matches("T\\d{4}(\\.\\d{3})?"));
            assertThat(i.why()).hasSizeGreaterThan(40);
            assertThat(i.falsePositives()).isNotBlank();
            assertThat(i.nextSteps()).isNotBlank();
        });
    }

    @Test
    void aDetectionDisabledInTheConfigurationIsNotRun() {
        DetectConfig config = DetectConfig.of(Map.of("detections", Map.of("impossible-travel", Map.of("enabled", false))));
        assertThat(Catalogue.enabled(config)).extracting(d -> d.info().id())
                .doesNotContain("impossible-travel").contains("session-replay");
    }

    @Test
    void explainFindsADetectionByItsId() {
        assertThat(Catalogue.info("session-replay")).hasValueSatisfying(i -> assertThat(i.techniques()).contains("T1539"));
        assertThat(Catalogue.info("no-such-detection")).isEmpty();
    }
}

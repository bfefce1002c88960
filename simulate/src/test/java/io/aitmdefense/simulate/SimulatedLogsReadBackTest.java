package io.aitmdefense.simulate;

import io.aitmdefense.events.EventKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every format, alone and mixed, reads back through the product's readers with no rejected row and every row counted. */
class SimulatedLogsReadBackTest {

    @ParameterizedTest(name = "{0} gzip={1}")
    @CsvSource({"la, false", "la, true", "eh;ual, false", "graph;ual, false", "graph;la, true"})
    void everyWrittenRowIsReadBackWithoutRejections(String formats, boolean gzip, @TempDir Path dir) throws Exception {
        List<OutputFormat> parsed = new ArrayList<>();
        for (String f : formats.split(";")) parsed.add(OutputFormat.parse(f));
        GeneratedTenant t = GeneratedTenant.generate(new SimulationSpec(40, 2, 5, 2, parsed, dir, SimulationSpec.DEFAULT_START,
                gzip, SimulationSpec.DEFAULT_DOMAIN));

        assertThat(t.read().rejected()).as("rejected rows: %s", t.read().files().stream()
                .flatMap(f -> f.firstRejections().stream()).toList()).isZero();
        assertThat(t.read().failedFiles()).isZero();
        assertThat(t.read().events()).isEqualTo(t.report().totalRows());
        Map<String, Long> rows = t.report().rows();
        Map<EventKind, Long> kinds = t.read().kinds();
        assertThat(kinds.get(EventKind.SIGN_IN)).isEqualTo(rows.get("SIGN_INS") + rows.get("NON_INTERACTIVE_SIGN_INS"));
        assertThat(kinds.get(EventKind.DIRECTORY_AUDIT)).isEqualTo(rows.get("DIRECTORY_AUDITS"));
        assertThat(kinds.get(EventKind.RISK_DETECTION)).isEqualTo(rows.get("RISK_DETECTIONS"));
        assertThat(kinds.get(EventKind.OFFICE_ACTIVITY)).isEqualTo(rows.get("OFFICE_ACTIVITY"));
        assertThat(t.signIns().stream().filter(s -> !s.interactive()).count()).isEqualTo(rows.get("NON_INTERACTIVE_SIGN_INS"));
    }
}

package io.aitmdefense.simulate;

import io.aitmdefense.simulate.truth.GroundTruth;
import io.aitmdefense.simulate.write.WrittenFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a run wrote: every log file, rows per table, the truth file and its content. */
public record SimulationReport(List<WrittenFile> files, Map<String, Long> rows, Path truthFile, GroundTruth truth) {

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalBytes() {
        return files.stream().mapToLong(WrittenFile::bytes).sum();
    }
}

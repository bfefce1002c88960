package io.aitmdefense.events.read;

import io.aitmdefense.events.EventKind;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The summaries of every file read, in input order, with totals. */
public record ReadReport(List<FileSummary> files, long bytes) {

    public long events() {
        return files.stream().mapToLong(FileSummary::events).sum();
    }

    public long rejected() {
        return files.stream().mapToLong(FileSummary::rejected).sum();
    }

    public long failedFiles() {
        return files.stream().filter(f -> f.error().isPresent()).count();
    }

    public Map<EventKind, Long> kinds() {
        Map<EventKind, Long> m = new EnumMap<>(EventKind.class);
        for (FileSummary f : files) f.kinds().forEach((k, v) -> m.merge(k, v, Long::sum));
        return m;
    }

    public Optional<Instant> first() {
        return files.stream().flatMap(f -> f.first().stream()).min(Instant::compareTo);
    }

    public Optional<Instant> last() {
        return files.stream().flatMap(f -> f.last().stream()).max(Instant::compareTo);
    }
}

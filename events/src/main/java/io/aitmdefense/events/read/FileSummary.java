package io.aitmdefense.events.read;

import io.aitmdefense.events.EventKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reading one file gave: the shape recognised ("Log Analytics NDJSON"), its encoding, rows per table and per
 * event kind, rows skipped (recognised but unused) and rejected (with the first reasons), and the time span covered.
 * {@code error} is set when the file as a whole could not be read (not a log, unreadable).
 */
public record FileSummary(String file, String shape, String encoding,
                          Map<String, Long> tables, Map<EventKind, Long> kinds,
                          long skipped, List<String> skipReasons,
                          long rejected, List<Rejection> firstRejections,
                          Optional<Instant> first, Optional<Instant> last,
                          Optional<String> error) {

    public long events() {
        return kinds.values().stream().mapToLong(Long::longValue).sum();
    }
}

package io.aitmdefense.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a detect run read and when: shown at the top of every output so a reader knows what the findings cover.
 * {@code logs} is the span of event times read; empty when no event was read.
 */
public record RunSummary(List<String> inputs, long events, long rejected, long late, Optional<LogSpan> logs,
                         Instant generated, String toolVersion) {

    /** The earliest and latest event time in the input. */
    public record LogSpan(Instant first, Instant last) {
    }
}

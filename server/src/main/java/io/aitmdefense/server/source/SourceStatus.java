package io.aitmdefense.server.source;

import java.time.Instant;
import java.util.Optional;

/**
 * What a source reports about itself. {@code newestEvent} is the event time of the newest record delivered (lag is
 * now minus it); {@code lastError} the most recent failure, kept until a poll succeeds.
 */
public record SourceStatus(String name, String kind, long delivered, long rejected, Optional<Instant> lastPoll,
                           Optional<Instant> newestEvent, Optional<String> lastError) {
}

package io.aitmdefense.simulate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What to simulate. {@code start} is the first day at 00:00 UTC (a fixed default, never the wall clock, so a seed
 * always gives the same bytes). Each table is written in the first of {@code formats} that carries it.
 */
public record SimulationSpec(int users, int days, long seed, int campaigns, List<OutputFormat> formats, Path out,
                             Instant start, boolean gzip, String domain) {

    /** Monday 5 January 2026, 00:00 UTC. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");
    public static final String DEFAULT_DOMAIN = "contoso.example";

    public SimulationSpec {
        if (users < 1) throw new IllegalArgumentException("--users must be at least 1 (got " + users + ")");
        if (days < 1) throw new IllegalArgumentException("--days must be at least 1 (got " + days + ")");
        if (campaigns < 0) throw new IllegalArgumentException("--campaigns must not be negative (got " + campaigns + ")");
        if (formats.isEmpty()) throw new IllegalArgumentException("--formats needs at least one of la, eh, graph, ual");
        if (start.getEpochSecond() % 86_400 != 0 || start.getNano() != 0) {
            throw new IllegalArgumentException("--start must be a date (midnight UTC), got " + start);
        }
        formats = List.copyOf(formats);
    }
}

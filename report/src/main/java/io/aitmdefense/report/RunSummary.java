package io.aitmdefense.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a detect run read and when: shown at the top of every output so a reader knows what the findings cover.
 * {@code inputs} are the files the run was given (folders expanded), {@code unreadable} those of them it could not
 * read at all, with the reason; {@code logs} is the span of event times read, empty when no event was read.
 */
public record RunSummary(List<String> inputs, long events, long rejected, long late, Optional<LogSpan> logs,
                         List<UnreadableFile> unreadable, Instant generated, String toolVersion) {

    public RunSummary {
        inputs = List.copyOf(inputs);
        unreadable = List.copyOf(unreadable);
    }

    /** The earliest and latest event time in the input. */
    public record LogSpan(Instant first, Instant last) {
    }

    /** A file skipped as a whole: missing, not a log shape the readers know, or failing to decompress. */
    public record UnreadableFile(String file, String reason) {
    }

    /**
     * The warning every output leads with when no event was read: "no incidents" would otherwise read as a clean
     * tenant when the run looked at nothing (a typo in the path, an empty export folder).
     */
    public Optional<String> nothingReadWarning() {
        if (events > 0) return Optional.empty();
        String from = inputs.isEmpty() ? "no input file was found"
                : inputs.size() == 1 ? "the 1 input file" : "the " + inputs.size() + " input files";
        String why = unreadable.isEmpty() ? "" : " (" + unreadable.size() + " unreadable)";
        return Optional.of("0 events were read from " + from + why
                + ": nothing was analysed, so this says nothing about the tenant.");
    }
}

package io.aitmdefense.events;

/**
 * Where an event came from: the file and the 1-based line its record starts on (for a JSON array
 * or a single-line envelope, the line of the record's opening brace; for CSV, the line the row starts on).
 * Evidence points here instead of keeping the raw JSON of every row.
 */
public record Source(String file, long line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}

package io.aitmdefense.events;

/**
 * Where an event came from: the file, the 1-based line its record starts on (for a JSON array or a single-line
 * envelope, the line of the record's opening brace; for CSV, the line the row starts on) and the 0-based index of
 * the record among those starting on that line (a single-line Event Hubs envelope holds many records on line 1).
 * Evidence points here instead of keeping the raw JSON of every row.
 */
public record Source(String file, long line, int index) {

    /** The only record starting on its line. */
    public Source(String file, long line) {
        this(file, line, 0);
    }

    /** {@code file:line}, and {@code file:line#index} for a later record of a line that holds several. */
    @Override
    public String toString() {
        return index == 0 ? file + ":" + line : file + ":" + line + "#" + index;
    }
}

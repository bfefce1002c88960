package io.aitmdefense.events.read.json;

/** Malformed JSON, with the byte offset where it went wrong (the reader turns it into file:line). */
public final class JsonSyntaxError extends RuntimeException {
    private final int offset;

    public JsonSyntaxError(String message, int offset) {
        super(message, null, false, false);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}

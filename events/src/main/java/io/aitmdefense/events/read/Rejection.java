package io.aitmdefense.events.read;

/** A row or file that could not be read, with where and why: {@code file:line: reason}. */
public record Rejection(String file, long line, String reason) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }
}

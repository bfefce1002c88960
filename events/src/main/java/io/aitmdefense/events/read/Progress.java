package io.aitmdefense.events.read;

/** Told how far reading has got, so a terminal can show a progress bar. Called from the reading thread. */
public interface Progress {
    Progress NONE = (file, done, total) -> { };

    /** {@code done} and {@code total} are bytes of all inputs (on disk, so compressed for gzip). */
    void update(String file, long done, long total);
}

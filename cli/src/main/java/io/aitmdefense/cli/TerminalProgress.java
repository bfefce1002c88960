package io.aitmdefense.cli;

import io.aitmdefense.events.read.Progress;
import io.aitmdefense.model.SafeText;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (System.console() exists): piped or
 * redirected runs stay quiet.
 */
final class TerminalProgress implements Progress {
    private final PrintStream err;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    TerminalProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static TerminalProgress forTerminal() {
        return new TerminalProgress(System.err, System.console() != null && System.getenv("AITM_NO_PROGRESS") == null);
    }

    @Override
    public synchronized void update(String file, long done, long total) {
        if (!enabled || total <= 0) return;
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && done < total) return;
        lastDraw = now;
        double f = Math.min(1.0, (double) done / total);
        int width = 30;
        int filled = (int) Math.round(f * width);
        double secs = (now - startNanos) / 1e9;
        double mbps = secs > 0 ? done / 1e6 / secs : 0;
        // a file name can carry an escape sequence like any other input
        String name = SafeText.terminal(file.length() > 40 ? "…" + file.substring(file.length() - 39) : file);
        err.printf("\r[%s%s] %3.0f%%  %.0f MB/s  %s\033[K", "#".repeat(filled), " ".repeat(width - filled), f * 100, mbps, name);
        err.flush();
        drawn = true;
    }

    /** Clears the bar so the summary starts on a clean line. */
    synchronized void finish() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}

package io.aitmdefense.cli;

import picocli.CommandLine.Command;

/** Placeholder until the detect command lands. */
@Command(name = "detect", description = "(in development)")
final class DetectCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not available yet");
    }
}

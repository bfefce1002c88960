package io.aitmdefense.cli;

import picocli.CommandLine.Command;

/** Placeholder until the simulate command lands. */
@Command(name = "simulate", description = "(in development)")
final class SimulateCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not available yet");
    }
}

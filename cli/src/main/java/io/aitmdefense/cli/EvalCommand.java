package io.aitmdefense.cli;

import picocli.CommandLine.Command;

/** Placeholder until the eval command lands. */
@Command(name = "eval", description = "(in development)")
final class EvalCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not available yet");
    }
}

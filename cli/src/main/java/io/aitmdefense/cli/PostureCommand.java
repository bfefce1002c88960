package io.aitmdefense.cli;

import picocli.CommandLine.Command;

/** Placeholder until the posture command lands. */
@Command(name = "posture", description = "(in development)", subcommands = PostureWhatIfCommand.class)
final class PostureCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not available yet");
    }
}

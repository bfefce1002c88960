package io.aitmdefense.cli;

import picocli.CommandLine.Command;

/** Placeholder until the ingest command lands. */
@Command(name = "ingest", description = "(in development)")
final class IngestCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("not available yet");
    }
}

package io.aitmdefense.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns an exception from a command into one readable line instead of a stack trace. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        cmd.getErr().println("aitm " + cmd.getCommandName() + ": " + message);
        if (System.getenv("AITM_DEBUG") != null) cause.printStackTrace(cmd.getErr());
        return cause instanceof IOException || cause instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }
}

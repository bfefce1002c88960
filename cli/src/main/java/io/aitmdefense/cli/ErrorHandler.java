package io.aitmdefense.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Turns an exception from a command into one readable line instead of a stack trace or a page of help. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        TerminalOut.line(cmd.getErr(), "aitm " + cmd.getCommandName() + ": " + message);
        if (System.getenv("AITM_DEBUG") != null) cause.printStackTrace(cmd.getErr());
        return cause instanceof IOException || cause instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    /**
     * A usage error: the one thing that is wrong (with picocli's "did you mean" when it has one) and where the help
     * is, never the whole help, which would push the message off the screen.
     */
    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        TerminalOut.line(err, name + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + name + " --help' for its options.");
        err.flush();
        return ExitCodes.USAGE;
    }
}

package io.aitmdefense.cli;

import io.aitmdefense.model.SafeText;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Every line a command prints that carries a value from its inputs goes through {@link SafeText#terminal}: a file
 * name, policy name or log field with an escape sequence must not clear or rewrite the analyst's terminal. Only
 * {@code TerminalSummary} writes on its own, because it colours severities (and filters each value itself).
 */
final class TerminalOut {
    private TerminalOut() {
    }

    /** One line to {@code out}, filtered. */
    static void line(PrintStream out, String text) {
        out.println(SafeText.terminal(text));
    }

    static void line(PrintWriter out, String text) {
        out.println(SafeText.terminal(text));
    }

    /** What {@code printer} writes, filtered as a whole (line breaks kept) before it reaches {@code out}. */
    static void block(PrintStream out, Consumer<PrintStream> printer) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(buffer, false, StandardCharsets.UTF_8)) {
            printer.accept(p);
        }
        out.print(SafeText.terminal(buffer.toString(StandardCharsets.UTF_8)));
        out.flush();
    }
}

package io.aitmdefense.cli.respond;

import io.aitmdefense.cli.ExitCodes;
import io.aitmdefense.respond.audit.AuditHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code aitm respond audit}: verifies an audit trail's hash chain and prints its history. */
@Command(name = "audit",
        header = "Verify an audit trail's hash chain and print what was done, when, by whom.",
        description = {
                "Each line of the trail names the SHA-256 of the line before and ends with its own: an edited,",
                "removed, inserted or reordered line breaks the chain at that line. The entries before the break",
                "are printed; nothing from the broken line on is shown as history.",
                ""},
        footer = {"", "Exit status: 0 the chain is intact, 1 it is broken, 2 bad usage or unreadable file."},
        sortOptions = false, usageHelpAutoWidth = true)
public final class RespondAuditCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "An audit trail written by 'aitm respond run --audit FILE'.")
    Path file;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) throw new java.io.IOException(file + ": no such file");
        AuditHistory history = AuditHistory.read(file);
        System.out.print(history.text());
        return history.check().intact() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}

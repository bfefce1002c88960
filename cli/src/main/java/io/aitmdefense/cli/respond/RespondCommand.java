package io.aitmdefense.cli.respond;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aitm respond}: contain an incident — plan, run (dry-run unless approved), audit, report. */
@Command(name = "respond",
        header = "Contain an incident: an evidence-first plan, run through Microsoft Graph on approval, audited.",
        description = {
                "Plans the containment of one incident from its own evidence: collect evidence, disable the",
                "account, revoke sessions, confirm compromised, remove the attacker's inbox rules and forwarding",
                "(not the user's own), delete the MFA methods registered in the attack window, revoke the",
                "consented app's grant and disable its service principal, reset the password; re-enable only on",
                "an analyst's word. Nothing is written to the tenant without --approve. docs/respond.md lists the",
                "permissions each step needs.",
                ""},
        subcommands = {RespondPlanCommand.class, RespondRunCommand.class, RespondAuditCommand.class,
                RespondReportCommand.class},
        footer = {"",
                "Examples:",
                "  aitm respond plan inc-2f5b14d4386d --incidents out/incidents.json",
                "  aitm respond run inc-2f5b14d4386d --incidents out/incidents.json --config tenant.yaml \\",
                "      --audit ir/audit.jsonl                       # dry run: evidence and the diff",
                "  aitm respond run … --audit ir/audit.jsonl --approve=disable,revoke",
                "  aitm respond audit ir/audit.jsonl"},
        sortOptions = false, usageHelpAutoWidth = true)
public final class RespondCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

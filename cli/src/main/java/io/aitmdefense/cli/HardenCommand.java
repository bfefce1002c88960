package io.aitmdefense.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aitm harden}: the AiTM policy set as code, its rollout gate, apply and drift. */
@Command(name = "harden",
        header = "Generate the policies that break AiTM, gate their rollout on the sign-in logs, apply them.",
        description = {
                "  plan   the token-protection guide's policy set where the export lacks",
                "         it, as Graph JSON, PowerShell and Terraform, checked by the",
                "         posture evaluator",
                "  gate   report-only results of those policies in the sign-in logs:",
                "         advance a ring or hold it, naming the apps and OS that break",
                "  apply  the plan against the tenant in dependency order, dry-run unless",
                "         --approve, every write audited; --promote moves rings the gate",
                "         advanced",
                "  drift  what changed in the live policies since the plan was committed",
                "  canary aitm serve's sign-in page canary in the company branding CSS",
                "Walk-through: docs/harden.md.",
                ""},
        subcommands = {
                HardenPlanCommand.class,
                HardenGateCommand.class,
                HardenApplyCommand.class,
                HardenDriftCommand.class,
                HardenCanaryCommand.class,
        },
        sortOptions = false, usageHelpAutoWidth = true)
final class HardenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

package io.aitmdefense.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code aitm} command: one subcommand per job, each its own class with its own help. */
@Command(name = "aitm",
        mixinStandardHelpOptions = true,
        versionProvider = Aitm.Version.class,
        header = {"Detect, assess and contain adversary-in-the-middle phishing and token replay",
                "in Microsoft 365."},
        description = {
                "",
                "Reads a tenant's own Entra and Microsoft 365 logs (exports, Event Hubs captures,",
                "Graph pages, unified audit log) and its Conditional Access configuration.",
                "Nothing leaves this machine.",
                ""},
        subcommands = {
                IngestCommand.class,
                DetectCommand.class,
                PostureCommand.class,
                HardenCommand.class,
                SimulateCommand.class,
                EvalCommand.class,
                io.aitmdefense.cli.respond.RespondCommand.class,
                ServeCommand.class,
                CommandLine.HelpCommand.class},
        // lines stay under 80 columns: picocli wraps at 80 when not on a terminal, and re-wrapping
        // pre-broken lines leaves ragged stubs
        footer = {"", "Run 'aitm help <command>' for a command's options.",
                "Exit status: 0 ok, 1 findings at or above --fail-on, 2 bad usage,",
                "3 some input rows were rejected, 4 no usable input, 5 the run failed."})
public final class Aitm implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (used by tests, which must not call System.exit). */
    public static int run(String... args) {
        return new CommandLine(new Aitm())
                .setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(ErrorHandler::usage)
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version the build stamped into the jar, "dev" when run from classes. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Aitm.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return "dev";
        }
        return p.getProperty("version", "dev");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aitm " + version(), "Java " + System.getProperty("java.version")};
        }
    }
}

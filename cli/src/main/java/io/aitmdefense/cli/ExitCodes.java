package io.aitmdefense.cli;

/** Exit statuses shared by every subcommand, as printed in {@code aitm --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Findings at or above the {@code --fail-on} threshold. */
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    /** Some input rows or files were rejected; the rest was processed. */
    public static final int REJECTED_INPUT = 3;
    /** Nothing usable was read. */
    public static final int NO_INPUT = 4;
    public static final int FAILURE = 5;

    private ExitCodes() {
    }
}

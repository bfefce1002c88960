package io.aitmdefense.graph.config;

import java.util.List;

/** The {@code microsoft:} section is wrong; every problem found, each naming the file and the key. */
public final class SettingsException extends RuntimeException {
    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

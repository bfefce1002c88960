package io.aitmdefense.posture.model;

/** Graph {@code conditionalAccessInsiderRiskLevels} flags (Purview adaptive protection). */
public enum InsiderRiskLevel implements GraphEnum {
    MINOR("minor"),
    MODERATE("moderate"),
    ELEVATED("elevated"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    InsiderRiskLevel(String graphName, String... aliases) {
        this.graphName = graphName;
        this.aliases = aliases;
    }

    @Override
    public String graphName() {
        return graphName;
    }

    @Override
    public String[] aliases() {
        return aliases.clone();
    }
}

package io.aitmdefense.posture.model;

/** Graph {@code riskLevel} used by sign-in, user, service-principal and agent risk conditions. */
public enum RiskLevel implements GraphEnum {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high"),
    HIDDEN("hidden"),
    NONE("none"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    RiskLevel(String graphName, String... aliases) {
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

package io.aitmdefense.posture.model;

/** Beta session control {@code continuousAccessEvaluation.mode}. */
public enum ContinuousAccessEvaluationMode implements GraphEnum {
    DISABLED("disabled"),
    STRICT_ENFORCEMENT("strictEnforcement"),
    STRICT_LOCATION("strictLocation"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    ContinuousAccessEvaluationMode(String graphName, String... aliases) {
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

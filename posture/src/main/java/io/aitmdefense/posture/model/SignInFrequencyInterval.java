package io.aitmdefense.posture.model;

/** Session control {@code signInFrequency.frequencyInterval}; {@code everyTime} forces re-authentication on every evaluation. */
public enum SignInFrequencyInterval implements GraphEnum {
    TIME_BASED("timeBased"),
    EVERY_TIME("everyTime"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    SignInFrequencyInterval(String graphName, String... aliases) {
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

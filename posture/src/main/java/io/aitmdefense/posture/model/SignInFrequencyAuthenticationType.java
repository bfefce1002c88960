package io.aitmdefense.posture.model;

/** Session control {@code signInFrequency.authenticationType}. */
public enum SignInFrequencyAuthenticationType implements GraphEnum {
    PRIMARY_AND_SECONDARY("primaryAndSecondaryAuthentication"),
    SECONDARY("secondaryAuthentication"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    SignInFrequencyAuthenticationType(String graphName, String... aliases) {
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

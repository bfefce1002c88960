package io.aitmdefense.posture.model;

/** Graph {@code conditionalAccessTransferMethods} flags: the flows device-code and authentication-transfer phishing abuse. */
public enum TransferMethod implements GraphEnum {
    DEVICE_CODE_FLOW("deviceCodeFlow"),
    AUTHENTICATION_TRANSFER("authenticationTransfer"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    TransferMethod(String graphName, String... aliases) {
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

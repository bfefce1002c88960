package io.aitmdefense.posture.model;

/** Graph {@code conditionalAccessGrantControl}. {@code domainJoinedDevice} is the hybrid-join grant; {@code approvedApplication} retires in 2026. */
public enum BuiltInControl implements GraphEnum {
    BLOCK("block"),
    MFA("mfa"),
    COMPLIANT_DEVICE("compliantDevice"),
    DOMAIN_JOINED_DEVICE("domainJoinedDevice"),
    APPROVED_APPLICATION("approvedApplication"),
    COMPLIANT_APPLICATION("compliantApplication"),
    PASSWORD_CHANGE("passwordChange"),
    RISK_REMEDIATION("riskRemediation"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    BuiltInControl(String graphName, String... aliases) {
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

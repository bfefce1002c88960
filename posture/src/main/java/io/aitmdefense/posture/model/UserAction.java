package io.aitmdefense.posture.model;

/** User actions a policy can target instead of resources; the two names are those of conditions and of What If contexts. */
public enum UserAction implements GraphEnum {
    REGISTER_SECURITY_INFORMATION("urn:user:registersecurityinfo", "registerSecurityInformation"),
    REGISTER_OR_JOIN_DEVICES("urn:user:registerdevice", "registerOrJoinDevices");

    private final String graphName;
    private final String[] aliases;

    UserAction(String graphName, String... aliases) {
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

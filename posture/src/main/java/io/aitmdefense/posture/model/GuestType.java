package io.aitmdefense.posture.model;

/** Graph {@code conditionalAccessGuestOrExternalUserTypes} flags; bit order matches the numeric form seen in audit logs. */
public enum GuestType implements GraphEnum {
    INTERNAL_GUEST("internalGuest"),
    B2B_COLLABORATION_GUEST("b2bCollaborationGuest"),
    B2B_COLLABORATION_MEMBER("b2bCollaborationMember"),
    B2B_DIRECT_CONNECT_USER("b2bDirectConnectUser"),
    OTHER_EXTERNAL_USER("otherExternalUser"),
    SERVICE_PROVIDER("serviceProvider"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    GuestType(String graphName, String... aliases) {
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

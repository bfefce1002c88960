package io.aitmdefense.posture.assess;

import java.util.Optional;

/**
 * Sensitive resources an attacker goes for after a replay. {@link #CA_MANAGEMENT} is not an app: it is changing
 * Conditional Access in an admin portal, guarded (if at all) by a protected action that requests an auth context.
 */
public enum Target {
    EXCHANGE_ONLINE("Exchange Online", "00000002-0000-0ff1-ce00-000000000000", true, true, true),
    SHAREPOINT_ONLINE("SharePoint Online", "00000003-0000-0ff1-ce00-000000000000", true, true, true),
    AZURE_MANAGEMENT("Azure management", "797f4846-ba00-4fd7-ba43-dac1f8f63013", false, false, false),
    ADMIN_PORTALS("admin portals", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", false, false, false),
    CA_MANAGEMENT("CA-policy management", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", false, false, false),
    /** Any application no policy names, such as a consent-phishing app: only All-resources policies reach it. */
    ANY_OTHER_APP("any other application", "a0e1c2d3-0000-4000-8000-00000000a17a", false, false, false);

    /** Resource-group keywords a policy can use instead of ids. */
    public static final String OFFICE_365 = "Office365";
    public static final String ADMIN_PORTALS_KEYWORD = "MicrosoftAdminPortals";

    private final String label;
    private final String appId;
    private final boolean office365;
    private final boolean tokenProtectionSupported;
    private final boolean caeCapable;

    Target(String label, String appId, boolean office365, boolean tokenProtectionSupported, boolean caeCapable) {
        this.label = label;
        this.appId = appId;
        this.office365 = office365;
        this.tokenProtectionSupported = tokenProtectionSupported;
        this.caeCapable = caeCapable;
    }

    public String label() {
        return label;
    }

    /** The resource app id signed in to (the Azure portal for the admin portals and CA management). */
    public String appId() {
        return appId;
    }

    public boolean inOffice365Group() {
        return office365;
    }

    public boolean inAdminPortalsGroup() {
        return this == ADMIN_PORTALS || this == CA_MANAGEMENT;
    }

    public boolean tokenProtectionSupported() {
        return tokenProtectionSupported;
    }

    public boolean caeCapable() {
        return caeCapable;
    }

    /** Targets only admins reach; guests and users are not assessed against them. */
    public boolean administrative() {
        return this == AZURE_MANAGEMENT || this == ADMIN_PORTALS || this == CA_MANAGEMENT;
    }

    /** The targets of the replay simulation, in report order. */
    public static java.util.List<Target> sensitive() {
        return java.util.List.of(EXCHANGE_ONLINE, SHAREPOINT_ONLINE, AZURE_MANAGEMENT, ADMIN_PORTALS, CA_MANAGEMENT);
    }

    public Optional<String> groupKeyword() {
        if (office365) return Optional.of(OFFICE_365);
        if (inAdminPortalsGroup()) return Optional.of(ADMIN_PORTALS_KEYWORD);
        return Optional.empty();
    }
}

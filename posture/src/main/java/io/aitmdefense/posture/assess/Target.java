package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.whatif.WellKnownApps;

import java.util.List;

/**
 * Sensitive resources an attacker goes for after a replay. {@link #CA_MANAGEMENT} is not an app: it is changing
 * Conditional Access in an admin portal, guarded (if at all) by a protected action that requests an auth context.
 */
public enum Target {
    EXCHANGE_ONLINE("Exchange Online", WellKnownApps.EXCHANGE_ONLINE, true),
    SHAREPOINT_ONLINE("SharePoint Online", WellKnownApps.SHAREPOINT_ONLINE, true),
    AZURE_MANAGEMENT("Azure management", WellKnownApps.AZURE_MANAGEMENT, false),
    ADMIN_PORTALS("admin portals", WellKnownApps.AZURE_PORTAL, false),
    CA_MANAGEMENT("CA-policy management", WellKnownApps.AZURE_PORTAL, false),
    /** Any application no policy names, such as a consent-phishing app: only All-resources policies reach it. */
    ANY_OTHER_APP("any other application", "a0e1c2d3-0000-4000-8000-00000000a17a", false);

    private final String label;
    private final String appId;
    private final boolean tokenProtectionSupported;

    Target(String label, String appId, boolean tokenProtectionSupported) {
        this.label = label;
        this.appId = appId;
        this.tokenProtectionSupported = tokenProtectionSupported;
    }

    /** The targets of the replay simulation, in report order. */
    public static List<Target> sensitive() {
        return List.of(EXCHANGE_ONLINE, SHAREPOINT_ONLINE, AZURE_MANAGEMENT, ADMIN_PORTALS, CA_MANAGEMENT);
    }

    public String label() {
        return label;
    }

    /** The resource app id signed in to (the Azure portal for the admin portals and CA management). */
    public String appId() {
        return appId;
    }

    /** Token protection can be enforced for this resource (Windows native clients only). */
    public boolean tokenProtectionSupported() {
        return tokenProtectionSupported;
    }

    /** Where a replayed admin session does tenant-wide damage. */
    public boolean administrative() {
        return this == AZURE_MANAGEMENT || this == ADMIN_PORTALS || this == CA_MANAGEMENT;
    }
}

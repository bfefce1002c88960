package io.aitmdefense.simulate.tenant;

/**
 * Benign behaviour profiles, chosen so that each one looks like something a naive AiTM detection would flag:
 * the point of the simulation is to measure precision on hard benign traffic, not on quiet users.
 */
public enum Persona {
    /** Managed Windows laptop (hybrid joined, PRT), office days behind the trusted Zscaler egress, home days on broadband. */
    OFFICE_WORKER("office-worker"),
    /** Phone first: Outlook and Teams on iOS/Android over a CGNAT carrier, Wi-Fi ↔ cellular hops inside sessions. */
    MOBILE_SALES("mobile-sales"),
    /** Travels between the US and Europe: new countries, hotel networks, roaming, time-zone shifts. */
    TRAVELLER("traveller"),
    /** IT admin: Azure portal, legitimate Conditional Access edits and security-info changes for other users. */
    ADMIN("admin"),
    /** Starts during the simulated period: registers MFA, registers and enrols a device, first sign-ins everywhere. */
    NEW_JOINER("new-joiner"),
    /** Manages their own mailbox: inbox rules (some forward to a personal address) and third-party app consents. */
    RULE_MAKER("rule-maker"),
    /** Works from virtual desktops whose egress is a cloud (hosting) ASN. */
    VDI_USER("vdi-user");

    private final String label;

    Persona(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

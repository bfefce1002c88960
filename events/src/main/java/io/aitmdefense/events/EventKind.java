package io.aitmdefense.events;

/** The kinds of normalised event. */
public enum EventKind {
    SIGN_IN("sign-in"),
    DIRECTORY_AUDIT("directory audit"),
    RISK_DETECTION("risk detection"),
    OFFICE_ACTIVITY("office activity"),
    SECURITY_ALERT("security alert"),
    /** A hit on {@code aitm serve}'s sign-in page canary: evidence only, never read from a log. */
    CANARY_HIT("canary hit");

    private final String label;

    EventKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static EventKind of(Event e) {
        if (e instanceof SignIn) return SIGN_IN;
        if (e instanceof DirectoryAudit) return DIRECTORY_AUDIT;
        if (e instanceof RiskDetection) return RISK_DETECTION;
        if (e instanceof SecurityAlert) return SECURITY_ALERT;
        return OFFICE_ACTIVITY;
    }
}

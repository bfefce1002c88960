package io.aitmdefense.posture.assess;

/** The kinds of account the assessment signs in as; each stands for every account of its kind. */
public enum Persona {
    ALL_USERS("all users", "a member user with no directory role"),
    ADMINS("admins", "a member user holding Global Administrator (and the user groups)"),
    GUESTS("guests", "a B2B collaboration guest from another tenant"),
    BREAK_GLASS("break-glass", "an emergency-access account holding Global Administrator");

    private final String label;
    private final String description;

    Persona(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}

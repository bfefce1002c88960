package io.aitmdefense.model;

/** The AiTM kill chain, in order. An incident's timeline is laid out along it. */
public enum KillChainStage {
    INITIAL_ACCESS("initial access"),
    CREDENTIAL_CAPTURE("credential capture"),
    COOKIE_THEFT("cookie theft"),
    REPLAY("replay"),
    PERSISTENCE("persistence"),
    DEFENSE_EVASION("defense evasion"),
    COLLECTION("collection"),
    LATERAL_MOVEMENT("lateral movement"),
    IMPACT("impact");

    private final String label;

    KillChainStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

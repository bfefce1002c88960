package io.aitmdefense.posture.assess;

/** What a sign-in gets once every applicable enforced policy has been considered. */
public enum Outcome {
    /** An applicable enforced policy blocks. */
    BLOCKED("blocked"),
    /** Not blocked, but some applicable enforced policy asks for something this session holder cannot give. */
    UNMEETABLE("requirement not met"),
    GRANTED("granted");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean stopsAttacker() {
        return this != GRANTED;
    }
}

package io.aitmdefense.harden.gate;

/** What the gate says about one policy in one ring. */
public enum GateVerdict {
    ADVANCE("advance"),
    HOLD("hold"),
    NOT_MEASURABLE("not measurable");

    private final String label;

    GateVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

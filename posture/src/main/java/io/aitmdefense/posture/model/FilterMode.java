package io.aitmdefense.posture.model;

/** Whether devices or apps matching a filter rule are brought into the policy or taken out of it. */
public enum FilterMode implements GraphEnum {
    INCLUDE("include"),
    EXCLUDE("exclude");

    private final String graphName;
    private final String[] aliases;

    FilterMode(String graphName, String... aliases) {
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

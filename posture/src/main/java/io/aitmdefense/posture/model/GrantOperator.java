package io.aitmdefense.posture.model;

/** How one policy combines its grant terms: require all ({@code AND}) or require one ({@code OR}). */
public enum GrantOperator implements GraphEnum {
    AND("AND"),
    OR("OR");

    private final String graphName;
    private final String[] aliases;

    GrantOperator(String graphName, String... aliases) {
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

package io.aitmdefense.posture.model;

/** The {@code @odata.type} of a named location. */
public enum NamedLocationKind implements GraphEnum {
    IP("#microsoft.graph.ipNamedLocation", "ipNamedLocation"),
    COUNTRY("#microsoft.graph.countryNamedLocation", "countryNamedLocation"),
    COMPLIANT_NETWORK("#microsoft.graph.compliantNetworkNamedLocation", "compliantNetworkNamedLocation"),
    OTHER("other");

    private final String graphName;
    private final String[] aliases;

    NamedLocationKind(String graphName, String... aliases) {
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

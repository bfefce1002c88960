package io.aitmdefense.posture.model;

/** Session control {@code persistentBrowser.mode}. */
public enum PersistentBrowserMode implements GraphEnum {
    ALWAYS("always"),
    NEVER("never"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    PersistentBrowserMode(String graphName, String... aliases) {
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

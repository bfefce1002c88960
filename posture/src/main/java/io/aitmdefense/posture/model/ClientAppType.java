package io.aitmdefense.posture.model;

/** Graph {@code conditionalAccessClientApp}; {@code modern} and {@code easUnsupported} are deprecated aliases. Legacy authentication = EXCHANGE_ACTIVE_SYNC + OTHER. */
public enum ClientAppType implements GraphEnum {
    ALL("all"),
    BROWSER("browser"),
    MOBILE_APPS_AND_DESKTOP_CLIENTS("mobileAppsAndDesktopClients", "modern"),
    EXCHANGE_ACTIVE_SYNC("exchangeActiveSync", "easUnsupported"),
    EAS_SUPPORTED("easSupported"),
    OTHER("other"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    ClientAppType(String graphName, String... aliases) {
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

package io.aitmdefense.posture.model;

/** Graph {@code conditionalAccessDevicePlatform}. {@link #ALL} is a condition value only; a sign-in from a platform Entra cannot recognise is {@link #UNKNOWN_FUTURE_VALUE}, which only an {@code all} include catches. */
public enum Platform implements GraphEnum {
    ANDROID("android"),
    IOS("iOS"),
    WINDOWS("windows"),
    WINDOWS_PHONE("windowsPhone"),
    MACOS("macOS"),
    LINUX("linux"),
    ALL("all"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    Platform(String graphName, String... aliases) {
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

package io.aitmdefense.simulate.tenant;

/**
 * A device as sign-in logs describe it. {@code os} is the Log Analytics / UAL spelling ("Windows 10"); Event Hubs and
 * Graph drop the space ("Windows10"). An unregistered device has id "" and trust type "".
 */
public record ClientDevice(String id, String displayName, String os, String browser, String userAgent,
                           String trustType, boolean managed, boolean compliant, Platform platform) {

    public enum Platform { WINDOWS, MACOS, IOS, ANDROID, LINUX }

    public boolean registered() {
        return !id.isEmpty();
    }

    public String osCompact() {
        return os.replace(" ", "");
    }

    public boolean mobile() {
        return platform == Platform.IOS || platform == Platform.ANDROID;
    }
}

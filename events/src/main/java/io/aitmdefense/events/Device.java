package io.aitmdefense.events;

/** The client device as the sign-in log saw it. An unregistered device has an empty id and trust type. */
public record Device(String id, String name, String operatingSystem, String browser, String trustType,
                     boolean compliant, boolean managed) {
    public static final Device UNKNOWN = new Device("", "", "", "", "", false, false);

    public boolean registered() {
        return !id.isEmpty() || !trustType.isEmpty();
    }
}

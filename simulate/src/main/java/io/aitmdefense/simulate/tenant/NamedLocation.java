package io.aitmdefense.simulate.tenant;

/** A tenant named location as sign-in rows report it in networkLocationDetails; {@code cidr} is the range it covers. */
public record NamedLocation(String name, String cidr, boolean trusted) {
    public String networkType() {
        return trusted ? "trustedNamedLocation" : "namedNetwork";
    }
}

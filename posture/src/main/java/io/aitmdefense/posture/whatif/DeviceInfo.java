package io.aitmdefense.posture.whatif;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The device a sign-in comes from. An unregistered device has no directory object, so every filter attribute is
 * null; {@code attributes} holds the other device-filter properties by name (e.g. {@code model},
 * {@code extensionAttribute1}, {@code systemLabels}), collections as several values.
 */
public record DeviceInfo(boolean registered, Optional<TrustType> trustType, boolean compliant,
                         Map<String, List<String>> attributes) {

    public DeviceInfo {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        attributes = copy;
    }

    public static DeviceInfo unregistered() {
        return new DeviceInfo(false, Optional.empty(), false, Map.of());
    }

    public static DeviceInfo registered(TrustType trustType, boolean compliant) {
        return new DeviceInfo(true, Optional.of(trustType), compliant, Map.of());
    }

    public DeviceInfo withAttribute(String name, String... values) {
        Map<String, List<String>> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(attributes);
        more.put(name, List.of(values));
        return new DeviceInfo(registered, trustType, compliant, more);
    }

    public boolean hybridJoined() {
        return trustType.filter(t -> t == TrustType.SERVER_AD).isPresent();
    }

    /**
     * The properties a device filter sees: nothing for an unregistered device; otherwise {@code trustType} and
     * {@code isCompliant} derived from the state, then the given attributes.
     */
    public Map<String, List<String>> filterProperties() {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (!registered) return out;
        trustType.ifPresent(t -> out.put("trustType", List.of(t.filterName())));
        out.put("isCompliant", List.of(compliant ? "True" : "False"));
        out.putAll(attributes);
        return out;
    }
}

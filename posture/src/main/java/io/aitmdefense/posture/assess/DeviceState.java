package io.aitmdefense.posture.assess;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The device a sign-in comes from, as Conditional Access sees it. */
public enum DeviceState {
    /** The attacker's own machine: not registered in Entra, so every device-filter attribute is null. */
    UNREGISTERED(Map.of()),
    /** The legitimate user's Entra-joined, Intune-compliant, company-owned Windows device. */
    MANAGED_COMPLIANT(Map.of(
            "isCompliant", List.of("True"),
            "trustType", List.of("AzureAD"),
            "deviceOwnership", List.of("Company"),
            "operatingSystem", List.of("Windows"),
            "profileType", List.of("RegisteredDevice"),
            "systemLabels", List.of("M365Managed")));

    private final Map<String, List<String>> attributes;

    DeviceState(Map<String, List<String>> attributes) {
        this.attributes = attributes;
    }

    /** A device-filter attribute's values (one for scalars); empty when the attribute is null on this device. */
    public Optional<List<String>> attribute(String name) {
        return attributes.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    public boolean compliant() {
        return this == MANAGED_COMPLIANT;
    }
}

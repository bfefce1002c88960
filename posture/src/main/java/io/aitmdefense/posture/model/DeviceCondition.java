package io.aitmdefense.posture.model;

import java.util.List;
import java.util.Optional;

/**
 * Device condition: the filter rule, plus the beta {@code includeDevices}/{@code excludeDevices} and deprecated
 * device-state lists ({@code All}, {@code Compliant}, {@code DomainJoined}) which old exports still carry.
 */
public record DeviceCondition(
        Optional<FilterRule> deviceFilter,
        List<String> includeDevices,
        List<String> excludeDevices,
        List<String> includeDeviceStates,
        List<String> excludeDeviceStates) {

    public static final DeviceCondition NONE =
            new DeviceCondition(Optional.empty(), List.of(), List.of(), List.of(), List.of());

    public DeviceCondition {
        includeDevices = List.copyOf(includeDevices);
        excludeDevices = List.copyOf(excludeDevices);
        includeDeviceStates = List.copyOf(includeDeviceStates);
        excludeDeviceStates = List.copyOf(excludeDeviceStates);
    }
}

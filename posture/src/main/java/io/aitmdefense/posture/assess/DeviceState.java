package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.whatif.DeviceInfo;
import io.aitmdefense.posture.whatif.TrustType;

/** The device a sign-in comes from, as Conditional Access sees it. */
public enum DeviceState {
    /** The attacker's own machine: not registered in Entra, so every device-filter attribute is null. */
    UNREGISTERED,
    /** The legitimate user's Entra-joined, Intune-compliant, company-owned Windows device. */
    MANAGED_COMPLIANT;

    public DeviceInfo info() {
        return switch (this) {
            case UNREGISTERED -> DeviceInfo.unregistered();
            case MANAGED_COMPLIANT -> DeviceInfo.registered(TrustType.AZURE_AD, true)
                    .withAttribute("deviceOwnership", "Company")
                    .withAttribute("operatingSystem", "Windows")
                    .withAttribute("profileType", "RegisteredDevice")
                    .withAttribute("systemLabels", "M365Managed");
        };
    }
}

package io.aitmdefense.posture.whatif;

/** How a device is registered in Entra; the device-filter names are {@code AzureAD}, {@code ServerAD}, {@code Workplace}. */
public enum TrustType {
    /** Entra joined. */
    AZURE_AD("AzureAD"),
    /** Hybrid joined: satisfies the {@code domainJoinedDevice} grant. */
    SERVER_AD("ServerAD"),
    /** Entra registered (personal device with a work account). */
    WORKPLACE("Workplace");

    private final String filterName;

    TrustType(String filterName) {
        this.filterName = filterName;
    }

    public String filterName() {
        return filterName;
    }
}

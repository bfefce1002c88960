package io.aitmdefense.detect.enrich;

/** Everything a detection may know beyond the log row itself. */
public interface Enrichment {

    /**
     * What network an address belongs to. {@code loggedAsn} is the ASN from the log (0 when absent); it wins over
     * the database because it is what Entra saw.
     */
    Network network(String ip, int loggedAsn);

    /** The context of the tenant this enrichment answers for. */
    TenantContext tenant();

    /**
     * This enrichment answering for one tenant: its trusted networks, break-glass accounts and VIPs. Network lookups
     * are shared; the tenant's verdict ({@link Network#trusted()}) is its own.
     */
    default Enrichment forTenant(String tenantId) {
        return this;
    }
}

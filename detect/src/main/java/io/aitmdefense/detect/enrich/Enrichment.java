package io.aitmdefense.detect.enrich;

/** Everything a detection may know beyond the log row itself. */
public interface Enrichment {

    /**
     * What network an address belongs to. {@code loggedAsn} is the ASN from the log (0 when absent); it wins over
     * the database because it is what Entra saw.
     */
    Network network(String ip, int loggedAsn);

    TenantContext tenant();
}

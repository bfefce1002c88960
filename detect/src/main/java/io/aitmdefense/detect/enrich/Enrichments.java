package io.aitmdefense.detect.enrich;

import io.aitmdefense.detect.config.DetectConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Builds the enrichment a detection run uses from the tenant's configuration. */
public final class Enrichments {
    private Enrichments() {
    }

    /**
     * The curated ASN classes, the tenant context of {@code config} (trusted CIDRs, ASNs and named locations,
     * break-glass accounts, VIPs, mail domains) and an IP→ASN database: the user's {@code .mmdb} when one is
     * given, else the one in {@code tenant.asnDatabase} of the config, with the bundled database answering
     * what that file does not know; the bundled database alone when neither is set. The ASN a log row carries
     * still wins over any database.
     *
     * @param mmdb a MaxMind-format ASN database from the command line; wins over the config's
     * @throws IOException when the chosen {@code .mmdb} is missing or not a MaxMind DB; the message names the
     *                     file and what to do
     */
    public static Enrichment load(DetectConfig config, Optional<Path> mmdb) throws IOException {
        AsnDatabase database = BundledAsnDatabase.instance();
        Optional<Path> file = mmdb.or(config::asnDatabase);
        if (file.isPresent()) database = MaxMindAsnDatabase.open(file.get()).orElse(database);
        try {
            return new CuratedEnrichment(config.tenants(), database);
        } catch (IllegalArgumentException e) {
            throw new IOException("tenant section of the config: " + e.getMessage(), e);
        }
    }
}

package io.aitmdefense.detect.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The IP→ASN database shipped in the jar, built from the CC BY 4.0 {@code @ip-location-db/asn} ranges (RouteViews,
 * the five RIRs via NRO, DB-IP; see NOTICE) by {@code scripts/build-asn-db.sh}. The table is read on the first
 * lookup, once per JVM, so commands that never need an ASN never pay for it.
 */
public final class BundledAsnDatabase implements AsnDatabase {
    static final String RESOURCE = "asn-ranges.bin.gz";
    private static final BundledAsnDatabase INSTANCE = new BundledAsnDatabase();

    private BundledAsnDatabase() {
    }

    public static BundledAsnDatabase instance() {
        return INSTANCE;
    }

    @Override
    public Optional<AsnRecord> lookup(String normalisedIp) {
        return Table.LOADED.lookup(normalisedIp);
    }

    @Override
    public Optional<String> ownerOf(int asn) {
        return Table.LOADED.ownerOf(asn);
    }

    /** Where the data came from, e.g. {@code @ip-location-db/asn 2.3.2026061719}, for reports and NOTICE checks. */
    public String source() {
        return Table.LOADED.source();
    }

    /** Counts of IPv4 runs, IPv6 /64 runs and distinct ASNs, for diagnostics. */
    public String describe() {
        AsnRangeTable t = Table.LOADED;
        return t.source() + ": " + t.v4Runs() + " IPv4 runs, " + t.v6Runs() + " IPv6 runs, " + t.asnCount() + " ASNs";
    }

    /** Holder class: the JVM initialises it, thread-safely, on first use. */
    private static final class Table {
        static final AsnRangeTable LOADED = load();

        private static AsnRangeTable load() {
            try (InputStream in = BundledAsnDatabase.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled ASN table " + RESOURCE
                            + " is missing from the jar; rebuild with scripts/build-asn-db.sh");
                }
                return AsnRangeTable.read(in, RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled ASN table " + RESOURCE + ": " + e.getMessage(), e);
            }
        }
    }
}

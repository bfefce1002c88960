package io.aitmdefense.detect.enrich;

import java.util.Optional;

/** IP → ASN and owner, for logs that do not carry the ASN (UAL, older exports, Graph v1.0). */
public interface AsnDatabase {
    AsnDatabase EMPTY = ip -> Optional.empty();

    Optional<AsnRecord> lookup(String normalisedIp);

    /**
     * The owner name of an ASN, for rows whose log carries the number but not the name. Databases without an
     * ASN index (MaxMind files are keyed by address only) know none.
     */
    default Optional<String> ownerOf(int asn) {
        return Optional.empty();
    }

    /** This database, and {@code fallback} for addresses and ASNs this one does not know. */
    default AsnDatabase orElse(AsnDatabase fallback) {
        AsnDatabase first = this;
        return new AsnDatabase() {
            @Override
            public Optional<AsnRecord> lookup(String normalisedIp) {
                Optional<AsnRecord> r = first.lookup(normalisedIp);
                return r.isPresent() ? r : fallback.lookup(normalisedIp);
            }

            @Override
            public Optional<String> ownerOf(int asn) {
                Optional<String> o = first.ownerOf(asn);
                return o.isPresent() ? o : fallback.ownerOf(asn);
            }
        };
    }

    record AsnRecord(int asn, String owner) {
    }
}

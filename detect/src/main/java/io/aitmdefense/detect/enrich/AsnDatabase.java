package io.aitmdefense.detect.enrich;

import java.util.Optional;

/** IP → ASN and owner, for logs that do not carry the ASN (UAL, older exports, Graph v1.0). */
public interface AsnDatabase {
    AsnDatabase EMPTY = ip -> Optional.empty();

    Optional<AsnRecord> lookup(String normalisedIp);

    record AsnRecord(int asn, String owner) {
    }
}

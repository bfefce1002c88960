package io.aitmdefense.detect.enrich;

import io.aitmdefense.events.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BundledAsnDatabaseTest {
    private final BundledAsnDatabase db = BundledAsnDatabase.instance();

    @ParameterizedTest(name = "{0} is AS{1} ({2})")
    @CsvSource({
            "8.8.8.8, 15169, Google",
            "167.99.0.1, 14061, DigitalOcean",
            "20.190.151.7, 8075, Microsoft",
            "40.126.32.1, 8075, Microsoft",
            "175.45.176.99, 131279, Star Joint Venture",
            "5.9.1.1, 24940, Hetzner",
            "165.225.1.1, 22616, ZSCALER",
            "2001:4860:4860::8888, 15169, Google",
            "2a03:b0c0:3:d0::1, 14061, DigitalOcean",
            "2606:4700:4700::1111, 13335, Cloudflare"})
    void knownAddressesResolveToTheirAsnAndOwner(String ip, int asn, String owner) {
        assertThat(db.lookup(ip)).hasValueSatisfying(r -> {
            assertThat(r.asn()).isEqualTo(asn);
            assertThat(r.owner()).containsIgnoringCase(owner);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8:53", "[2001:4860:4860::8888]:443", "::ffff:8.8.8.8", "2001:4860:4860:0:0:0:0:8888",
            "2001:4860:4860::8888"})
    void everyLoggedFormOfAnAddressResolvesAfterNormalisation(String raw) {
        assertThat(db.lookup(IpAddress.normalise(raw))).map(AsnDatabase.AsnRecord::asn).contains(15169);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.1", "127.0.0.1", "0.0.0.1", "255.255.255.255", "2001:db8::1", "fe80::1",
            "", "not-an-ip", "999.1.1.1"})
    void privateReservedAndMalformedAddressesAreUnknown(String ip) {
        assertThat(db.lookup(ip)).isEmpty();
    }

    @Test
    void ownerNamesAreFoundByAsnForLogsThatCarryOnlyTheNumber() {
        assertThat(db.ownerOf(14061)).hasValueSatisfying(o -> assertThat(o).contains("DigitalOcean"));
        assertThat(db.ownerOf(65001)).isEmpty();
    }

    @Test
    void theNoticeAttributesTheVersionThatIsBundled() throws IOException {
        String version = db.source().replace("@ip-location-db/asn ", "");
        assertThat(db.source()).startsWith("@ip-location-db/asn ");
        assertThat(Files.readString(Path.of("NOTICE"))).contains(version);
        assertThat(Files.readString(Path.of("scripts/build-asn-db.sh"))).contains("VERSION=" + version);
    }
}

package io.aitmdefense.detect.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaxMindAsnDatabaseTest {
    @TempDir
    Path dir;

    private Path geoLite2Style() throws IOException {
        return new MmdbTestFile("GeoLite2-ASN")
                .put("8.8.8.0/24", Map.of("autonomous_system_number", 15169L, "autonomous_system_organization", "GOOGLE"))
                .put("167.99.0.0/16", Map.of("autonomous_system_number", 14061L, "autonomous_system_organization", "DIGITALOCEAN-ASN"))
                .put("2001:4860::/32", Map.of("autonomous_system_number", 15169L, "autonomous_system_organization", "GOOGLE"))
                .writeTo(dir.resolve("GeoLite2-ASN.mmdb"));
    }

    @Test
    void geoLite2FieldsGiveTheAsnAndOwnerForIpv4AndIpv6() throws IOException {
        MaxMindAsnDatabase db = MaxMindAsnDatabase.open(geoLite2Style());
        assertThat(db.lookup("8.8.8.8")).contains(new AsnDatabase.AsnRecord(15169, "GOOGLE"));
        assertThat(db.lookup("167.99.200.1")).contains(new AsnDatabase.AsnRecord(14061, "DIGITALOCEAN-ASN"));
        assertThat(db.lookup("2001:4860:4860::8888")).contains(new AsnDatabase.AsnRecord(15169, "GOOGLE"));
        assertThat(db.describe()).contains("GeoLite2-ASN");
    }

    @Test
    void addressesOutsideTheFileAreUnknown() throws IOException {
        MaxMindAsnDatabase db = MaxMindAsnDatabase.open(geoLite2Style());
        assertThat(db.lookup("8.8.9.1")).isEmpty();
        assertThat(db.lookup("2001:4861::1")).isEmpty();
        assertThat(db.lookup("")).isEmpty();
    }

    @Test
    void ipinfoFieldsWithTheAsPrefixedNumberAreRead() throws IOException {
        Path file = new MmdbTestFile("ipinfo asn.mmdb")
                .put("1.1.1.0/24", Map.of("asn", "AS13335", "as_name", "Cloudflare, Inc.", "as_domain", "cloudflare.com"))
                .put("9.9.9.0/24", Map.of("asn", "AS19281", "name", "Quad9"))
                .writeTo(dir.resolve("ipinfo.mmdb"));
        MaxMindAsnDatabase db = MaxMindAsnDatabase.open(file);
        assertThat(db.lookup("1.1.1.1")).contains(new AsnDatabase.AsnRecord(13335, "Cloudflare, Inc."));
        assertThat(db.lookup("9.9.9.9")).contains(new AsnDatabase.AsnRecord(19281, "Quad9"));
    }

    @Test
    void aRecordWithoutAnAsnFieldIsUnknownRatherThanAsZero() throws IOException {
        Path file = new MmdbTestFile("GeoLite2-City")
                .put("8.8.8.0/24", Map.of("city", "Mountain View"))
                .writeTo(dir.resolve("city.mmdb"));
        assertThat(MaxMindAsnDatabase.open(file).lookup("8.8.8.8")).isEmpty();
    }

    @Test
    void aMissingFileIsReportedByNameWithWhatToDo() {
        Path missing = dir.resolve("GeoLite2-ASN-missing.mmdb");
        assertThatThrownBy(() -> MaxMindAsnDatabase.open(missing))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(missing + ": ASN database not found")
                .hasMessageContaining("GeoLite2-ASN or IPinfo ASN .mmdb")
                .hasMessageContaining("tenant.asnDatabase");
    }

    @Test
    void aFileThatIsNotAnMmdbIsReportedByNameWithWhatToDo() throws IOException {
        Path csv = Files.writeString(dir.resolve("asn.csv"), "1.0.0.0,1.0.0.255,13335,Cloudflare\n");
        assertThatThrownBy(() -> MaxMindAsnDatabase.open(csv))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(csv + ": not a valid MaxMind DB (.mmdb) file")
                .hasMessageContaining("GeoLite2-ASN or IPinfo ASN .mmdb");
    }

    @Test
    void aDirectoryIsNotTakenForTheDatabase() {
        assertThatThrownBy(() -> MaxMindAsnDatabase.open(dir))
                .hasMessageStartingWith(dir + ": ASN database is not a file");
    }
}

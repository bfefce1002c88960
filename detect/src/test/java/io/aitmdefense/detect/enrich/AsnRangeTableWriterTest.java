package io.aitmdefense.detect.enrich;

import io.aitmdefense.detect.enrich.AsnRangeTableWriter.Range;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsnRangeTableWriterTest {

    private static final List<Range> V4 = List.of(
            parse("1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"", false),
            parse("8.8.4.0,8.8.4.255,15169,Google LLC", false),
            parse("8.8.5.0,8.8.7.255,15169,Google LLC", false),       // adjacent, same ASN: merged
            parse("8.8.8.0,8.8.8.255,15169,Google Inc.", false),       // adjacent, same ASN, minority owner name
            parse("9.0.0.0,9.0.0.255,65001,AS65001", false),           // private-use ASN: left out
            parse("203.0.113.0,203.0.113.255,64500,Doc", false),       // documentation ASN: left out
            parse("255.255.255.0,255.255.255.255,14061,\"DigitalOcean, LLC\"", false));
    private static final List<Range> V6 = List.of(
            parse("2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC", true),
            parse("2a03:b0c0::,2a03:b0c0:0:0:ffff:ffff:ffff:ffff,14061,\"DigitalOcean, LLC\"", true),
            parse("2a03:b0c0::1:0:0:0,2a03:b0c0::1:ffff:ffff:ffff,24940,Hetzner", true)); // inside the same /64: dropped

    private static Range parse(String line, boolean v6) {
        return AsnRangeTableWriter.parse(line, v6);
    }

    private static byte[] write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsnRangeTableWriter.write("test 1.0", V4, V6, out);
        return out.toByteArray();
    }

    private static AsnRangeTable table() throws IOException {
        return AsnRangeTable.read(new ByteArrayInputStream(write()), "test table");
    }

    @Test
    void writtenTableAnswersLookupsInsideEveryRangeAndNothingOutside() throws IOException {
        AsnRangeTable t = table();
        assertThat(t.lookup("1.0.0.0")).map(AsnDatabase.AsnRecord::asn).contains(13335);
        assertThat(t.lookup("1.0.0.255")).map(AsnDatabase.AsnRecord::owner).contains("Cloudflare, Inc.");
        assertThat(t.lookup("0.255.255.255")).isEmpty();
        assertThat(t.lookup("1.0.1.0")).isEmpty();
        assertThat(t.lookup("8.8.3.255")).isEmpty();
        assertThat(t.lookup("8.8.6.1")).map(AsnDatabase.AsnRecord::asn).contains(15169);
        assertThat(t.lookup("8.8.9.0")).isEmpty();
        assertThat(t.lookup("255.255.255.255")).map(AsnDatabase.AsnRecord::asn).contains(14061);
        assertThat(t.lookup("2001:4860:4860::8888")).map(AsnDatabase.AsnRecord::asn).contains(15169);
        assertThat(t.lookup("2001:4861::1")).isEmpty();
        assertThat(t.lookup("2001:485f:ffff::1")).isEmpty();
    }

    @Test
    void adjacentRangesOfOneAsnBecomeOneRun() throws IOException {
        // Cloudflare, gap, Google (three rows merged), gap, DigitalOcean
        assertThat(table().v4Runs()).isEqualTo(5);
    }

    @Test
    void privateAndDocumentationAsnsAreUnknownBecauseUnrelatedNetworksShareThem() throws IOException {
        AsnRangeTable t = table();
        assertThat(t.lookup("9.0.0.1")).isEmpty();
        assertThat(t.lookup("203.0.113.7")).isEmpty();
        assertThat(AsnRangeTableWriter.globallyUnique(65001)).isFalse();
        assertThat(AsnRangeTableWriter.globallyUnique(4_200_000_001L)).isFalse();
        assertThat(AsnRangeTableWriter.globallyUnique(23456)).isFalse();
        assertThat(AsnRangeTableWriter.globallyUnique(131279)).isTrue();
    }

    @Test
    void eachAsnCarriesTheOwnerNameMostOfItsRangesUse() throws IOException {
        assertThat(table().ownerOf(15169)).contains("Google LLC");
        assertThat(table().ownerOf(65001)).isEmpty();
    }

    @Test
    void ipv6IsKeptPerSlash64AndTheFirstRangeOfASlash64Wins() throws IOException {
        AsnRangeTable t = table();
        assertThat(t.lookup("2a03:b0c0::1:0:0:5")).map(AsnDatabase.AsnRecord::asn).contains(14061);
        assertThat(t.lookup("2a03:b0c0:0:1::1")).isEmpty();
    }

    @Test
    void theSameInputGivesTheSameBytesSoTheCommittedTableIsReproducible() throws IOException {
        assertThat(write()).isEqualTo(write());
    }

    @Test
    void aTruncatedTableIsRejectedNamingTheFile() throws IOException {
        byte[] raw = AsnRangeTableWriterTest.gunzip(write());
        byte[] truncated = gzip(Arrays.copyOf(raw, raw.length - 3));
        assertThatThrownBy(() -> AsnRangeTable.read(new ByteArrayInputStream(truncated), "broken.bin.gz"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("broken.bin.gz: ");
    }

    @Test
    void aCsvLineThatIsNotARangeIsReportedWithItsText() {
        assertThatThrownBy(() -> AsnRangeTableWriter.parse("1.0.0.0,not-an-ip,1,x", false))
                .hasMessageContaining("'not-an-ip' is not an IPv4 address");
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}

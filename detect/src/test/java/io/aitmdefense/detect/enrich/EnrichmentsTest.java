package io.aitmdefense.detect.enrich;

import io.aitmdefense.detect.config.DetectConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrichmentsTest {
    @TempDir
    Path dir;

    private static DetectConfig tenant(Map<String, Object> tenant) {
        return DetectConfig.of(Map.of("tenant", tenant));
    }

    @Test
    void withoutConfigurationTheBundledDatabaseAndCuratedClassesApply() throws IOException {
        Enrichment e = Enrichments.load(DetectConfig.defaults(), Optional.empty());
        Network n = e.network("167.99.0.1", 0);
        assertThat(n.asn()).isEqualTo(14061);
        assertThat(n.hosting()).isTrue();
        assertThat(n.trusted()).isFalse();
    }

    @Test
    void aTrustedCidrMakesAHostingAddressTrustedAndLeavesItsNeighboursAlone() throws IOException {
        Enrichment e = Enrichments.load(tenant(Map.of("trustedCidrs", List.of("167.99.0.0/24"))), Optional.empty());
        assertThat(e.network("167.99.0.10", 0).trusted()).isTrue();
        assertThat(e.network("167.99.0.10", 0).hosting()).isTrue();
        assertThat(e.network("167.99.1.10", 0).trusted()).isFalse();
    }

    @Test
    void aTrustedAsnWrittenWithTheAsPrefixTrustsTheWholeNetwork() throws IOException {
        Enrichment e = Enrichments.load(tenant(Map.of("trustedAsns", List.of("AS22616"))), Optional.empty());
        assertThat(e.network("165.225.1.1", 0).trusted()).isTrue();
    }

    @Test
    void vipsBreakGlassAccountsAndTrustedLocationsComeFromTheConfig() throws IOException {
        Enrichment e = Enrichments.load(tenant(Map.of(
                "vips", List.of("CEO@contoso.com"),
                "breakGlass", List.of("bg-admin@contoso.com"),
                "trustedLocationNames", List.of("HQ Egress"))), Optional.empty());
        assertThat(e.tenant().vip("ceo@contoso.com")).isTrue();
        assertThat(e.tenant().vip("intern@contoso.com")).isFalse();
        assertThat(e.tenant().breakGlass("bg-admin@contoso.com")).isTrue();
        assertThat(e.tenant().trustedLocationNames()).containsExactly("hq egress");
    }

    @Test
    void aGivenMmdbWinsOverTheBundledDatabaseWhichStillAnswersTheRest() throws IOException {
        Path mmdb = new MmdbTestFile("GeoLite2-ASN")
                .put("8.8.8.0/24", Map.of("autonomous_system_number", 396982L, "autonomous_system_organization", "GOOGLE-CLOUD-PLATFORM"))
                .writeTo(dir.resolve("asn.mmdb"));
        Enrichment e = Enrichments.load(DetectConfig.defaults(), Optional.of(mmdb));
        assertThat(e.network("8.8.8.8", 0).asn()).isEqualTo(396982);
        assertThat(e.network("8.8.8.8", 0).owner()).isEqualTo("Google Cloud"); // the curated name of a listed ASN
        assertThat(e.network("167.99.0.1", 0).asn()).isEqualTo(14061);
        assertThat(e.network("8.8.8.8", 13335).asn()).isEqualTo(13335); // the log still wins
    }

    @Test
    void theConfiguredMmdbIsUsedAndTheCommandLineOneWinsOverIt() throws IOException {
        Path configured = new MmdbTestFile("GeoLite2-ASN")
                .put("8.8.8.0/24", Map.of("autonomous_system_number", 1111L, "autonomous_system_organization", "CONFIGURED"))
                .writeTo(dir.resolve("configured.mmdb"));
        Path given = new MmdbTestFile("GeoLite2-ASN")
                .put("8.8.8.0/24", Map.of("autonomous_system_number", 2222L, "autonomous_system_organization", "GIVEN"))
                .writeTo(dir.resolve("given.mmdb"));
        DetectConfig config = tenant(Map.of("asnDatabase", configured.toString()));
        assertThat(Enrichments.load(config, Optional.empty()).network("8.8.8.8", 0).owner()).isEqualTo("CONFIGURED");
        assertThat(Enrichments.load(config, Optional.of(given)).network("8.8.8.8", 0).owner()).isEqualTo("GIVEN");
    }

    @Test
    void aBadMmdbPathFailsTheLoadNamingTheFile() {
        Path missing = dir.resolve("nope.mmdb");
        assertThatThrownBy(() -> Enrichments.load(DetectConfig.defaults(), Optional.of(missing)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(missing.toString());
    }

    @Test
    void malformedTenantEntriesAreReportedWithTheKeyAndValue() {
        // an AS number is checked as soon as the configuration is read, before any database is opened
        assertThatThrownBy(() -> Enrichments.load(tenant(Map.of("trustedAsns", List.of("Zscaler"))), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant.trustedAsns: 'Zscaler' is not an AS number");
        assertThatThrownBy(() -> Enrichments.load(tenant(Map.of("trustedCidrs", List.of("10.0.0.0/40"))), Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'10.0.0.0/40' is not an IP range");
    }
}

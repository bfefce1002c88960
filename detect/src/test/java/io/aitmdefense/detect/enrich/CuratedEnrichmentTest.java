package io.aitmdefense.detect.enrich;

import io.aitmdefense.model.NetworkKind;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CuratedEnrichmentTest {
    /** Words that say nothing about who owns an ASN. */
    private static final Set<String> GENERIC = Set.of("inc", "llc", "ltd", "limited", "corporation", "corp", "co",
            "gmbh", "sas", "sa", "s", "a", "b", "v", "srl", "ag", "se", "pty", "pte", "the", "company", "technologies",
            "network", "networks", "services", "data", "systems", "computer", "com", "net", "of", "and", "holding",
            "international", "solutions", "cloud", "internet", "new", "u", "k");

    private final Enrichment bundled = new CuratedEnrichment(TenantContext.EMPTY, BundledAsnDatabase.instance());

    @Test
    void everyCuratedAsnExistsInTheBundledTableUnderTheOwnerTheListNames() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String[] row : curatedRows()) {
            int asn = Integer.parseInt(row[0]);
            String listed = row[2].toLowerCase(Locale.ROOT);
            String actual = BundledAsnDatabase.instance().ownerOf(asn).orElse(null);
            if (actual == null) {
                wrong.add("AS" + asn + " (" + row[2] + ") is not in the bundled table");
            } else if (!actual.equals("AS" + asn) && Arrays.stream(actual.toLowerCase(Locale.ROOT).split("[^a-z0-9&-]+"))
                    .filter(w -> !w.isEmpty() && !GENERIC.contains(w)).noneMatch(listed::contains)) {
                wrong.add("AS" + asn + " is listed as " + row[2] + " but the bundled table says " + actual);
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Each row's source keys must be described in the header, so a reader can look the report or list up. */
    @Test
    void everyCuratedAsnSaysWhichReportOrListNamesIt() throws IOException {
        Set<String> described = new java.util.HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CuratedEnrichment.class.getResourceAsStream("asn-classes.tsv"), StandardCharsets.UTF_8))) {
            String line;
            java.util.regex.Pattern key = java.util.regex.Pattern.compile("^#   ([a-z0-9-]+) +\\S.*");
            while ((line = r.readLine()) != null) {
                var m = key.matcher(line);
                if (m.matches()) described.add(m.group(1));
            }
        }
        assertThat(described).contains("owner", "elastic-2025", "ofac-2025-07");
        List<String> unsourced = new ArrayList<>();
        for (String[] row : curatedRows()) {
            if (row.length < 4 || row[3].isBlank()) {
                unsourced.add("AS" + row[0] + " names no source");
                continue;
            }
            for (String k : row[3].split(",")) if (!described.contains(k.trim())) unsourced.add("AS" + row[0] + ": source '" + k + "' is not described");
        }
        assertThat(unsourced).isEmpty();
    }

    @Test
    void bulletproofAndVpsHostersOfThe2025ReportsAreHosting() {
        for (int asn : List.of(210644, 216246, 198953, 200593, 44477, 46844, 200651, 49612)) {
            assertThat(CuratedEnrichment.classify(asn)).as("AS%d", asn).contains(NetworkKind.HOSTING);
        }
    }

    @Test
    void theCuratedListCarriesAVersion() {
        assertThat(CuratedEnrichment.classesVersion()).matches("\\d{4}-\\d{2}-\\d{2}\\.\\d+");
    }

    @Test
    void anAddressWithoutALoggedAsnIsClassifiedThroughTheBundledTable() {
        Network n = bundled.network("167.99.0.1", 0);
        assertThat(n.asn()).isEqualTo(14061);
        assertThat(n.kind()).isEqualTo(NetworkKind.HOSTING);
        assertThat(n.hosting()).isTrue();
        assertThat(n.block()).isEqualTo("AS14061");
        assertThat(n.describe()).isEqualTo("167.99.0.1 (AS14061 DigitalOcean, hosting)");
    }

    @Test
    void microsoftAndSaseEgressAreNotHosting() {
        assertThat(bundled.network("20.190.151.7", 0).kind()).isEqualTo(NetworkKind.MICROSOFT);
        assertThat(bundled.network("165.225.1.1", 0).kind()).isEqualTo(NetworkKind.SASE_VPN);
    }

    @Test
    void theLoggedAsnWinsOverTheDatabaseAndGetsItsOwnerName() {
        // 8.8.8.8 is Google in the table; the log says AS131279, which is what Entra saw
        Network n = bundled.network("8.8.8.8", 131279);
        assertThat(n.asn()).isEqualTo(131279);
        assertThat(n.owner()).containsIgnoringCase("Star Joint Venture");
        assertThat(n.kind()).isEqualTo(NetworkKind.OTHER);
    }

    @Test
    void anUnknownAddressFallsBackToItsSlash16AsTheNetwork() {
        Network n = bundled.network("10.1.2.3", 0);
        assertThat(n.asn()).isZero();
        assertThat(n.owner()).isEmpty();
        assertThat(n.block()).isEqualTo("10.1.0.0/16");
    }

    private static List<String[]> curatedRows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CuratedEnrichment.class.getResourceAsStream("asn-classes.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) rows.add(line.split("\t"));
            }
        }
        return rows;
    }
}

package io.aitmdefense.posture.assess;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding ids are stable and documented; the public-tool mapping in the docs is the data the code reads. */
class CheckCatalogueTest {

    static final Path DOC = Path.of("docs/posture-checks.md");

    @Test
    void idsAreUniqueAndNumberedWithoutGaps() {
        List<String> ids = Arrays.stream(Check.values()).map(Check::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        for (int i = 0; i < ids.size(); i++) assertThat(ids.get(i)).isEqualTo(String.format("AITM-CA-%03d", i + 1));
    }

    @Test
    void everyCheckHasWhyAndFixTextAndIsFoundByIdInAnyCase() {
        for (Check c : Check.values()) {
            assertThat(c.why()).as(c.id()).hasSizeGreaterThan(80);
            assertThat(c.fix()).as(c.id()).hasSizeGreaterThan(60);
            assertThat(Check.byId(c.id().toLowerCase())).contains(c);
        }
        assertThat(Check.byId("AITM-CA-999")).isEmpty();
    }

    @Test
    void everyCheckIsOneRuleClassWiredIntoTheAssessmentInIdOrder() {
        List<Check> ruleChecks = FindingRules.RULES.stream().map(FindingRule::check).toList();
        assertThat(ruleChecks).containsExactly(Check.values());
        assertThat(FindingRules.RULES).extracting(r -> r.getClass().getSimpleName()).doesNotHaveDuplicates();
    }

    @Test
    void explainPrintsWhyFixAndThePublicEquivalentOfANewCheck() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        PostureTextReport.explain(Check.byId("aitm-ca-032").orElseThrow(),
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(text).startsWith("AITM-CA-032  A replayed session gets in when it presents another platform or client "
                + "(default severity high)");
        assertThat(text).contains("Why it matters", "user agent", "Fix", "Also checked by", "caOptics gap permutations");
    }

    @Test
    void docsListEveryCheckWithItsDefaultSeverity() throws IOException {
        String doc = Files.readString(DOC);
        for (Check c : Check.values()) {
            assertThat(doc).contains("| " + c.id() + " | " + c.severity().label() + " | " + c.title() + " |");
        }
    }

    @Test
    void docsMappingTableIsExactlyTheMappingData() throws IOException {
        List<String> docRows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("| tool | check |")) inTable = true;
            else if (inTable && line.startsWith("|---")) continue;
            else if (inTable && line.startsWith("| ")) docRows.add(line);
            else if (inTable) break;
        }
        List<String> dataRows = PublicCheck.all().stream().map(p -> "| " + p.tool() + " | " + p.id() + " | "
                + p.description() + " | " + String.join(", ", p.ours().stream().map(Check::id).toList()) + " | "
                + p.mapping() + " |").toList();
        assertThat(docRows).containsExactlyElementsOf(dataRows);
    }

    @Test
    void keyPublicChecksMapToTheFindingsThatCoverThem() {
        assertThat(PublicCheck.coveredBy(Check.BREAK_GLASS_NOT_EXCLUDED)).extracting(PublicCheck::id)
                .contains("MT.1005", "MT.1034");
        assertThat(PublicCheck.coveredBy(Check.DEVICE_CODE_NOT_BLOCKED)).extracting(PublicCheck::id)
                .containsExactlyInAnyOrder("MT.1052", "MS.AAD.3.9v1");
        assertThat(PublicCheck.coveredBy(Check.ADMIN_PHISHING_RESISTANT_MFA_MISSING)).extracting(PublicCheck::id)
                .contains("MS.AAD.3.6v1");
        assertThat(PublicCheck.all()).extracting(PublicCheck::mapping).allMatch(m -> List.of("exact", "partial", "uncertain").contains(m));
    }
}

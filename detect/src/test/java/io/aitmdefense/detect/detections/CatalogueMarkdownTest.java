package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.rules.RuleCatalogue;
import io.aitmdefense.detect.rules.RuleExportMarkdown;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueMarkdownTest {
    static final Path PAGE = Path.of("docs/detections.md");

    /** Golden page (catalogue, then the rule-export section): when the catalogue changes the test rewrites docs/detections.md and fails once, to be committed. */
    @Test
    void docsPageMatchesTheCatalogue() throws IOException {
        String expected = CatalogueMarkdown.render(Catalogue.infos())
                + RuleExportMarkdown.render(RuleCatalogue.rules(DetectConfig.defaults()));
        String actual = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        assertThat(actual).as("docs/detections.md was out of date and has been regenerated: review and commit it")
                .isEqualTo(expected);
    }

    @Test
    void everyDetectionHasASectionAndATableRow() {
        String page = CatalogueMarkdown.render(Catalogue.infos());
        assertThat(Catalogue.infos()).hasSize(20).allSatisfy(i -> assertThat(page)
                .contains("\n## " + i.id() + "\n").contains("| [`" + i.id() + "`](#" + i.id() + ")"));
    }
}

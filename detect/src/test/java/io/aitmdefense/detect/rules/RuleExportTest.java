package io.aitmdefense.detect.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every exported rule parses: Sentinel YAML with its required keys and checked KQL, Sigma against the Sigma schema. */
class RuleExportTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final LocalDate DATE = LocalDate.of(2026, 12, 6);
    private static Schema sigmaSchema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSigmaSchema() throws IOException {
        try (InputStream in = RuleExportTest.class.getResourceAsStream("/sigma/sigma-detection-rule-schema.json")) {
            sigmaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in, InputFormat.JSON);
        }
    }

    @Test
    void everyDetectionOfTheCatalogueIsExportedAsASentinelRuleWithTheRequiredKeysAndValidKql() throws IOException {
        List<Path> files = RuleExport.write(RuleExport.Format.SENTINEL, dir, DetectConfig.defaults(), DATE);

        assertThat(files).extracting(p -> p.getFileName().toString().replace(".yaml", ""))
                .containsExactlyElementsOf(Catalogue.infos().stream().map(i -> i.id()).toList());
        for (Path f : files) {
            JsonNode rule = YAML.readTree(f.toFile());
            for (String key : SentinelRule.REQUIRED_KEYS) assertThat(rule.has(key)).as("%s has %s", f.getFileName(), key).isTrue();
            assertThat(rule.get("kind").asText()).isEqualTo("Scheduled");
            assertThat(rule.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(rule.get("severity").asText()).isIn("Informational", "Low", "Medium", "High");
            assertThat(rule.get("queryFrequency").asText()).matches("\\d+[mhd]");
            assertThat(rule.get("tactics")).isNotEmpty();
            assertThat(rule.get("requiredDataConnectors").get(0).get("dataTypes")).isNotEmpty();
            assertThat(rule.get("description").asText()).contains("What this rule loses against the stateful detection: ");
            String kql = rule.get("query").asText();
            assertThat(kql).as("%s: non-interactive sign-ins are parsed before a union (string vs dynamic columns)",
                    f.getFileName()).doesNotContain("SigninLogs, AADNonInteractiveUserSignInLogs");
            try {
                KqlSyntax.check(kql);
            } catch (KqlSyntax.Error e) {
                throw new AssertionError(f.getFileName() + ": " + e.getMessage() + "\n" + kql, e);
            }
            // the checker must notice the query broken, or its silence above proves nothing
            int close = kql.lastIndexOf(')');
            String broken = kql.substring(0, close) + kql.substring(close + 1);
            assertThatThrownBy(() -> KqlSyntax.check(broken)).as("%s without its last ')'", f.getFileName())
                    .isInstanceOf(KqlSyntax.Error.class);
            java.time.Duration frequency = duration(rule.get("queryFrequency").asText());
            java.time.Duration period = duration(rule.get("queryPeriod").asText());
            assertThat(frequency).as("%s: Sentinel runs rules every 5 minutes at most", f.getFileName())
                    .isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(5));
            assertThat(period).as("%s: Sentinel looks back 14 days at most, and at least one run's span", f.getFileName())
                    .isLessThanOrEqualTo(java.time.Duration.ofDays(14)).isGreaterThanOrEqualTo(frequency);
            for (JsonNode entity : rule.get("entityMappings")) {
                String column = entity.get("fieldMappings").get(0).get("columnName").asText();
                assertThat(kql).as("%s maps entity column %s", f.getFileName(), column).contains(column);
            }
        }
    }

    @Test
    void everySigmaRuleIsValidAgainstTheSigmaSchema() throws IOException {
        List<Path> files = RuleExport.write(RuleExport.Format.SIGMA, dir, DetectConfig.defaults(), DATE);

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("hosting-ip-signin.yaml",
                "client-mismatch.yaml", "device-code-phish.yaml", "risk-anomalous-token.yaml", "ca-tampering.yaml",
                "risky-signin.yaml", "tenant-trust-change.yaml");
        for (Path f : files) {
            String yaml = Files.readString(f);
            List<Error> errors = sigmaSchema.validate(YAML.readTree(yaml).toString(), InputFormat.JSON);
            assertThat(errors).as("%s:%n%s", f.getFileName(), yaml).isEmpty();
            JsonNode rule = YAML.readTree(yaml);
            assertThat(rule.get("logsource").get("product").asText()).isEqualTo("azure");
            assertThat(rule.get("date").asText()).isEqualTo("2026-12-06");
            assertThat(rule.get("description").asText()).contains("What this rule loses against the stateful detection: ");
            assertThat(rule.get("tags").toString()).contains("attack.t");
            JsonNode resultType = rule.get("detection").path("selection").path("ResultType");
            if (!resultType.isMissingNode()) assertThat(resultType.isTextual()).as("ResultType \"0\" stays a string").isTrue();
        }
    }

    /** Guards the test above: the schema must reject a rule that breaks it, or an empty error list proves nothing. */
    @Test
    void theSigmaSchemaRejectsARuleWithoutAConditionOrWithABadLevel() throws IOException {
        Path file = RuleExport.write(RuleExport.Format.SIGMA, dir, DetectConfig.defaults(), DATE).get(0);
        ObjectMapper json = new ObjectMapper();
        var broken = (com.fasterxml.jackson.databind.node.ObjectNode) YAML.readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("detection")).remove("condition");
        broken.put("level", "severe");

        assertThat(sigmaSchema.validate(json.writeValueAsString(broken), InputFormat.JSON)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void thresholdsAndTenantNetworksComeFromTheConfiguration() throws IOException {
        DetectConfig config = DetectConfig.of(Map.of(
                "tenant", Map.of("trustedAsns", List.of(3320), "trustedCidrs", List.of("198.51.100.0/24", "2001:db8::/32")),
                "detections", Map.of("mass-mail-access", Map.of("minItems", 250, "window", "30m"),
                        "device-code-phish", Map.of("historyDays", 30),
                        "impossible-travel", Map.of("enabled", false))));
        List<Path> files = RuleExport.write(RuleExport.Format.SENTINEL, dir, config, DATE);

        assertThat(files).extracting(p -> p.getFileName().toString()).doesNotContain("impossible-travel.yaml");
        String mail = YAML.readTree(dir.resolve("mass-mail-access.yaml").toFile()).get("query").asText();
        assertThat(mail).contains("let window = 30m;").contains("let minItems = 250;");
        JsonNode deviceCode = YAML.readTree(dir.resolve("device-code-phish.yaml").toFile());
        assertThat(deviceCode.get("queryPeriod").asText()).as("Sentinel's longest period").isEqualTo("14d");
        assertThat(deviceCode.get("description").asText()).contains("instead of the configured 30d");
        String hosting = YAML.readTree(dir.resolve("hosting-ip-signin.yaml").toFile()).get("query").asText();
        assertThat(hosting).contains("let trustedAsns = dynamic([3320]);").contains("let trustedV4 = dynamic([\"198.51.100.0/24\"]);")
                .contains("let trustedV6 = dynamic([\"2001:db8::/32\"]);");
    }

    @Test
    void ruleIdsAreStableAcrossExportsAndDifferBetweenDetections() throws IOException {
        List<String> first = ids(RuleExport.write(RuleExport.Format.SENTINEL, dir.resolve("a"), DetectConfig.defaults(), DATE));
        List<String> second = ids(RuleExport.write(RuleExport.Format.SENTINEL, dir.resolve("b"), DetectConfig.defaults(), DATE));

        assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
    }

    @Test
    void anUnknownFormatNamesTheOnesThereAre() {
        assertThatThrownBy(() -> RuleExport.Format.parse("splunk")).hasMessage("'splunk' is not a rule format; use sentinel or sigma");
        assertThat(RuleExport.Format.parse(" Sigma ")).isEqualTo(RuleExport.Format.SIGMA);
    }

    private static java.time.Duration duration(String sentinel) {
        return io.aitmdefense.detect.config.Thresholds.parseDuration("query span", sentinel);
    }

    private static List<String> ids(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files) out.add(YAML.readTree(f.toFile()).get("id").asText());
        return out;
    }
}

package io.aitmdefense.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw files have the shapes and quirks of the real exports (log-schemas.md), not just something the readers accept. */
class ExportShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path la;
    @TempDir
    static Path mixed;

    @BeforeAll
    static void generate() throws IOException {
        Simulation.run(new SimulationSpec(30, 2, 8, 1, List.of(OutputFormat.LOG_ANALYTICS), la, SimulationSpec.DEFAULT_START,
                false, SimulationSpec.DEFAULT_DOMAIN));
        Simulation.run(new SimulationSpec(30, 2, 8, 1, List.of(OutputFormat.EVENT_HUBS, OutputFormat.MANAGEMENT_API), mixed.resolve("a"),
                SimulationSpec.DEFAULT_START, false, SimulationSpec.DEFAULT_DOMAIN));
        Simulation.run(new SimulationSpec(30, 2, 8, 1, List.of(OutputFormat.GRAPH, OutputFormat.MANAGEMENT_API), mixed.resolve("b"),
                SimulationSpec.DEFAULT_START, false, SimulationSpec.DEFAULT_DOMAIN));
    }

    @Test
    void logAnalyticsSignInsAreSeveralKilobytesWithFifteenPoliciesAndTextColumns() throws IOException {
        List<String> lines = lines(la.resolve("logs/la/SigninLogs"));
        double average = lines.stream().mapToInt(String::length).average().orElse(0);
        assertThat(average).isBetween(3_500.0, 9_000.0);
        JsonNode row = JSON.readTree(lines.get(0));
        assertThat(row.get("Type").asText()).isEqualTo("SigninLogs");
        assertThat(row.get("ConditionalAccessPolicies").isArray()).isTrue();
        assertThat(row.get("ConditionalAccessPolicies")).hasSize(15);
        assertThat(row.get("AuthenticationDetails").isTextual()).isTrue();
        assertThat(row.get("AutonomousSystemNumber").isTextual()).isTrue();
        assertThat(row.get("TenantId").asText()).isNotEqualTo(row.get("AADTenantId").asText());
        for (String column : List.of("SessionId", "UniqueTokenIdentifier", "CorrelationId", "IncomingTokenType",
                "TokenProtectionStatusDetails", "AuthenticationProtocol", "DeviceDetail", "LocationDetails", "NetworkLocationDetails")) {
            assertThat(row.has(column)).as(column).isTrue();
        }
        JsonNode ni = JSON.readTree(lines(la.resolve("logs/la/AADNonInteractiveUserSignInLogs")).get(0));
        assertThat(ni.get("ConditionalAccessPolicies").isTextual()).isTrue();
        assertThat(ni.get("DeviceDetail").isTextual()).isTrue();
    }

    @Test
    void eventHubsBatchesCarryCamelCasePropertiesWithNumericAsn() throws IOException {
        List<String> lines = lines(mixed.resolve("a/logs/eh/insights-logs-noninteractiveusersigninlogs"));
        JsonNode batch = JSON.readTree(lines.get(0));
        assertThat(batch.get("records").size()).isBetween(1, 50);
        JsonNode record = batch.get("records").get(0);
        assertThat(record.get("category").asText()).isEqualTo("NonInteractiveUserSignInLogs");
        assertThat(record.at("/properties/autonomousSystemNumber").isInt()).isTrue();
        assertThat(record.at("/properties/createdDateTime").asText()).endsWith("+00:00");
        assertThat(record.at("/properties/deviceDetail/operatingSystem").asText()).doesNotContain(" ");
    }

    @Test
    void graphPagesHoldBetaSignInsWithEventTypes() throws IOException {
        JsonNode page = JSON.readTree(lines(mixed.resolve("b/logs/graph/signIns-nonInteractiveUser")).get(0));
        assertThat(page.get("value").size()).isBetween(1, 100);
        assertThat(page.get("@odata.context").asText()).contains("auditLogs/signIns");
        assertThat(page.at("/value/0/signInEventTypes/0").asText()).isEqualTo("nonInteractiveUser");
        assertThat(page.at("/value/0/appliedConditionalAccessPolicies/0/conditionsSatisfied").isTextual()).isTrue();
    }

    @Test
    void unifiedAuditRecordsArriveLateButWithinADay() throws IOException {
        Duration maxLate = Duration.ZERO;
        try (Stream<Path> files = Files.list(mixed.resolve("a/logs/ual/Audit.Exchange"))) {
            for (Path f : files.sorted().toList()) {
                JsonNode array = JSON.readTree(f.toFile());
                LocalDateTime latest = LocalDateTime.MIN;
                for (JsonNode r : array) {
                    LocalDateTime t = LocalDateTime.parse(r.get("CreationTime").asText());
                    assertThat(r.get("CreationTime").asText()).doesNotEndWith("Z");
                    if (t.isBefore(latest) && Duration.between(t, latest).compareTo(maxLate) > 0) maxLate = Duration.between(t, latest);
                    if (t.isAfter(latest)) latest = t;
                }
            }
        }
        assertThat(maxLate).isGreaterThan(Duration.ofMinutes(30)).isLessThan(Duration.ofHours(24));
    }

    private static List<String> lines(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            Path first = files.sorted().findFirst().orElseThrow();
            return Files.readAllLines(first);
        }
    }
}

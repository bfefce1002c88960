package io.aitmdefense.respond.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aitmdefense.harden.apply.AuditTrail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code aitm respond audit FILE} reads harden's audit files: both trails are the one {@code AuditChain}. */
class HardenAuditFileTest {

    @TempDir
    Path dir;

    @Test
    void aHardenAuditFileVerifiesAndAnEditedLineIsNamed() throws Exception {
        Path file = dir.resolve("harden-audit.jsonl");
        AuditTrail trail = new AuditTrail(file, Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC));
        trail.record("create", "POST", "/v1.0/identity/conditionalAccess/policies",
                JsonNodeFactory.instance.objectNode().put("displayName", "AiTM-01 phishing-resistant MFA"), "ok");
        trail.record("enable", "PATCH", "/v1.0/identity/conditionalAccess/policies/p1",
                JsonNodeFactory.instance.objectNode().put("state", "enabled"), "ok");

        AuditHistory history = AuditHistory.read(file);
        assertThat(history.check().intact()).isTrue();
        assertThat(history.entries()).hasSize(2);
        assertThat(history.entries().get(0).path("schema").asText()).isEqualTo("aitm.harden-audit/1");
        assertThat(history.text()).contains("chain intact: 2 entries")
                .contains("PATCH /v1.0/identity/conditionalAccess/policies/p1").contains("enable");

        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), lines.get(1).replace("\"enabled\"", "\"disabled\"")));
        AuditHistory broken = AuditHistory.read(file);
        assertThat(broken.check().intact()).isFalse();
        assertThat(broken.check().brokenLine()).isEqualTo(2);
        assertThat(broken.text()).contains("CHAIN BROKEN at " + file + ":2");
    }
}

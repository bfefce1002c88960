package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aitmdefense.model.audit.AuditChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditTrailTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void aReopenedTrailContinuesTheChainAndADeletedLineBreaksIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("audit.jsonl");
        new AuditTrail(file, CLOCK).record("first", "POST", "/v1.0/x", JsonNodeFactory.instance.objectNode(), "ok");
        AuditTrail reopened = new AuditTrail(file, CLOCK);
        reopened.record("second", "PATCH", "/v1.0/x/1", JsonNodeFactory.instance.objectNode().put("state", "enabled"), "ok");
        reopened.record("third", "PATCH", "/v1.0/x/2", JsonNodeFactory.instance.objectNode(), "refused 403: Forbidden");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        var first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.path("prev").asText()).isEqualTo(AuditChain.GENESIS);
        assertThat(first.path("schema").asText()).isEqualTo("aitm.harden-audit/1");
        assertThat(new ObjectMapper().readTree(lines.get(1)).path("prev").asText()).isEqualTo(AuditChain.hashOf(lines.get(0)));
        assertThat(AuditTrail.verify(file)).isEmpty();

        Files.write(file, List.of(lines.get(0), lines.get(2)));
        assertThat(AuditTrail.verify(file)).hasValueSatisfying(v -> assertThat(v).startsWith(file + ":2: names previous hash"));
    }

    @Test
    void anEditedLineBreaksTheChainAndATrailThatBrokeRefusesToGrow(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditTrail trail = new AuditTrail(file, CLOCK);
        trail.record("create", "POST", "/v1.0/x", JsonNodeFactory.instance.objectNode(), "ok");
        trail.record("enable", "PATCH", "/v1.0/x/1", JsonNodeFactory.instance.objectNode(), "ok");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0).replace("\"ok\"", "\"refused\""), lines.get(1)));
        assertThat(AuditTrail.verify(file)).hasValueSatisfying(v -> assertThat(v).contains(":1: its text does not match its hash"));
        assertThatThrownBy(() -> new AuditTrail(file, CLOCK)).isInstanceOf(IOException.class).hasMessageContaining("refusing to append");
    }
}

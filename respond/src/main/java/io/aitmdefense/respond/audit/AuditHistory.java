package io.aitmdefense.respond.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.model.SafeText;
import io.aitmdefense.model.audit.AuditChain;
import io.aitmdefense.model.audit.ChainCheck;
import io.aitmdefense.respond.action.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An audit file checked and read back: whether the chain holds, and the entries up to the first broken line (what
 * comes after a broken line cannot be trusted to be where it was written, so it is not shown as history).
 */
public record AuditHistory(Path file, ChainCheck check, List<JsonNode> entries) {

    public static AuditHistory read(Path file) throws IOException {
        List<String> lines = AuditTrail.lines(file);
        ChainCheck check = AuditChain.verify(lines);
        List<JsonNode> entries = new ArrayList<>();
        for (int i = 0; i < check.entries(); i++) entries.add(Json.MAPPER.readTree(lines.get(i)));
        return new AuditHistory(file, check, entries);
    }

    /**
     * One line per entry, for a terminal: time, who, step, event, outcome, status and request id, message. A harden
     * audit file ({@code aitm.harden-audit/1}) is the same chain; its action shows as the step and its method and path
     * as the request.
     */
    public String text() {
        StringBuilder b = new StringBuilder();
        String incident = "";
        for (JsonNode e : entries) {
            if (!e.path("incident").asText().equals(incident)) {
                incident = e.path("incident").asText();
                b.append("incident ").append(incident).append('\n');
            }
            b.append("  ").append(e.path("time").asText()).append("  ").append(e.path("actor").asText())
                    .append("  ").append(pad(e.path("step").asText(e.path("action").asText()), 10)).append(' ').append(pad(e.path("event").asText(), 8))
                    .append(' ').append(pad(e.path("outcome").asText(), 16));
            if (e.has("request")) b.append(' ').append(e.path("request").asText());
            else if (e.has("method")) b.append(' ').append(e.path("method").asText()).append(' ').append(e.path("path").asText());
            if (e.has("status")) b.append(" → ").append(e.path("status").asInt());
            if (e.has("requestId")) b.append(" request-id ").append(e.path("requestId").asText());
            if (e.has("message")) b.append("  ").append(e.path("message").asText());
            b.append("   #").append(e.path("hash").asText().substring(0, 12)).append('\n');
        }
        if (check.intact()) {
            b.append("chain intact: ").append(check.entries()).append(" entries, last hash ").append(check.lastHash()).append('\n');
        } else {
            b.append("CHAIN BROKEN at ").append(file).append(':').append(check.brokenLine()).append(": ").append(check.reason())
                    .append(" — the ").append(check.entries()).append(" entries above verified; nothing from that line on can be trusted\n");
        }
        return SafeText.terminal(b.toString());
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }
}

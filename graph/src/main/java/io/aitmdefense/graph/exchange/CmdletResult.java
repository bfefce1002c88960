package io.aitmdefense.graph.exchange;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * What a cmdlet returned: its objects (every page's {@code value}), and the warnings Exchange attaches in
 * {@code @adminapi.warnings} (for example when {@code Set-Mailbox} changed nothing).
 */
public record CmdletResult(String cmdlet, List<JsonNode> values, List<String> warnings, Optional<String> requestId) {

    public CmdletResult {
        values = List.copyOf(values);
        warnings = List.copyOf(warnings);
    }
}

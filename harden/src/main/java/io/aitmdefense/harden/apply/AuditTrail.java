package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.model.audit.AuditChain;
import io.aitmdefense.model.audit.ChainCheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The append-only record of every write to the tenant: one sealed JSON line per write ({@link AuditChain}, the same
 * chain respond's trail uses, so {@code aitm respond audit FILE} verifies this file too), so a deleted or edited line
 * breaks the chain and {@link #verify} names where. The request body is kept (policies hold ids, never secrets);
 * tokens never reach this class.
 */
public final class AuditTrail {

    public static final String SCHEMA = "aitm.harden-audit/1";

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private String previous;

    /** Opens (or will create) the trail; refuses to extend a broken one, which would make the tampering look legitimate. */
    public AuditTrail(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        ChainCheck check = AuditChain.verify(lines(file));
        if (!check.intact()) {
            throw new IOException(file + ":" + check.brokenLine() + ": the audit trail is broken (" + check.reason()
                    + "); refusing to append. Keep this file as evidence and write to a new one");
        }
        this.previous = check.lastHash();
    }

    /** Appends one entry and returns its line. {@code outcome} is "ok" or the refusal. */
    public synchronized String record(String action, String method, String path, JsonNode body, String outcome) throws IOException {
        ObjectNode o = json.createObjectNode();
        o.put("schema", SCHEMA);
        o.put("time", clock.instant().toString());
        o.put("action", action);
        o.put("method", method);
        o.put("path", path);
        o.set("body", body);
        o.put("outcome", outcome);
        String line = AuditChain.seal(previous, json.writeValueAsString(o));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
        previous = AuditChain.hashOf(line);
        return line;
    }

    /** Where and why the chain breaks ({@code file:line: reason}), or empty when it holds. */
    public static Optional<String> verify(Path file) throws IOException {
        ChainCheck check = AuditChain.verify(lines(file));
        return check.intact() ? Optional.empty() : Optional.of(file + ":" + check.brokenLine() + ": " + check.reason());
    }

    /** The trail's lines; the empty line after the final newline is not one. */
    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        List<String> all = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        while (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) all.remove(all.size() - 1);
        return all;
    }
}

package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The append-only record of every write to the tenant: one JSON line per write, each carrying the SHA-256 of the
 * line before it ({@code "previous"}), so a deleted or edited line breaks the chain and {@link #verify} names where.
 * The request body is kept (policies hold ids, never secrets); tokens never reach this class.
 */
public final class AuditTrail {

    public static final String SCHEMA = "aitm.harden-audit/1";
    private static final String GENESIS = "0".repeat(64);

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private String previous;

    public AuditTrail(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.previous = lastLine(file).map(AuditTrail::sha256).orElse(GENESIS);
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
        o.put("previous", previous);
        String line = json.writeValueAsString(o);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
        previous = sha256(line);
        return line;
    }

    /** The first line whose {@code previous} is not the hash of the line before it, or empty when the chain holds. */
    public static Optional<String> verify(Path file) throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String expected = GENESIS;
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            String prev = json.readTree(lines.get(i)).path("previous").asText();
            if (!prev.equals(expected)) return Optional.of(file + ":" + (i + 1) + ": previous hash does not match line " + i);
            expected = sha256(lines.get(i));
        }
        return Optional.empty();
    }

    private static Optional<String> lastLine(Path file) throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) if (!lines.get(i).isBlank()) return Optional.of(lines.get(i));
        return Optional.empty();
    }

    static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}

package io.aitmdefense.respond.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.model.audit.AuditChain;
import io.aitmdefense.model.audit.ChainCheck;
import io.aitmdefense.respond.action.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only audit file: one sealed JSON line per request and decision (see {@link AuditChain}). Opening checks
 * the chain and refuses to extend a broken one — appending to a tampered trail would make the tampering look
 * legitimate. Each line is written and forced to disk before the next action, so a crash loses at most the line in
 * flight. Request bodies are redacted; tokens are never in an entry (they live in headers, which are not logged).
 */
public final class AuditTrail implements AuditSink, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private String last;
    private final List<JsonNode> entries;

    private AuditTrail(Path file, FileChannel channel, String last, List<JsonNode> entries) {
        this.file = file;
        this.channel = channel;
        this.last = last;
        this.entries = entries;
    }

    /** Opens (or creates) a trail for appending. */
    public static AuditTrail open(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? lines(file) : List.of();
        ChainCheck check = AuditChain.verify(lines);
        if (!check.intact()) {
            throw new IOException(file + ":" + check.brokenLine() + ": the audit trail is broken (" + check.reason()
                    + "); refusing to append. Keep this file as evidence and start a new one with --audit");
        }
        List<JsonNode> parsed = new ArrayList<>();
        for (String l : lines) parsed.add(Json.MAPPER.readTree(l));
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new AuditTrail(file, ch, check.lastHash(), parsed);
    }

    /** The trail's lines (without line breaks); an empty last line from the final newline is dropped. */
    public static List<String> lines(Path file) throws IOException {
        List<String> all = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        while (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) all.remove(all.size() - 1);
        return all;
    }

    public Path file() {
        return file;
    }

    /** Entries already in the file and appended since, parsed. */
    @Override
    public synchronized List<JsonNode> entries() {
        return List.copyOf(entries);
    }

    /** Appends one entry; returns its hash. */
    @Override
    public synchronized String append(AuditEntry e) {
        ObjectNode n = object(e);
        try {
            String line = AuditChain.seal(last, Json.MAPPER.writeValueAsString(n));
            channel.write(StandardCharsets.UTF_8.encode(line + "\n"));
            channel.force(false);
            last = AuditChain.hashOf(line);
            entries.add(Json.MAPPER.readTree(line));
            return last;
        } catch (IOException ex) {
            throw new UncheckedIOException(file + ": could not append to the audit trail", ex);
        }
    }

    /**
     * The entry as the JSON object of its line, before sealing: secrets in bodies and snapshots redacted, empty fields
     * left out. Every sink writes this same object.
     */
    public static ObjectNode object(AuditEntry e) {
        ObjectNode n = Json.object();
        n.put("time", e.time().toString());
        n.put("actor", e.actor());
        n.put("approval", e.approval());
        n.put("incident", e.incident());
        n.put("step", e.step());
        n.put("event", e.event());
        if (!e.request().isEmpty()) n.put("request", e.request());
        if (e.requestBody() != null && !e.requestBody().isMissingNode()) n.set("requestBody", Redaction.redact(e.requestBody()));
        if (e.status() != 0 || e.event().equals("write")) n.put("status", e.status());
        if (!e.requestId().isEmpty()) n.put("requestId", e.requestId());
        if (!e.clientRequestId().isEmpty()) n.put("clientRequestId", e.clientRequestId());
        n.put("outcome", e.outcome());
        if (!e.message().isEmpty()) n.put("message", e.message());
        if (e.before() != null && !e.before().isMissingNode()) n.set("before", Redaction.redact(e.before()));
        if (e.after() != null && !e.after().isMissingNode()) n.set("after", Redaction.redact(e.after()));
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

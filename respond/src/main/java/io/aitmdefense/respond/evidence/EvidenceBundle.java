package io.aitmdefense.respond.evidence;

import java.nio.file.Path;
import java.util.List;

/**
 * The evidence folder of one incident: raw JSON as the tenant returned it, one file per read, and
 * {@code manifest.json} ({@code aitm.evidence/1}) with the SHA-256 of every file.
 *
 * @param manifestSha256 the manifest's own hash, written into the audit trail so the bundle cannot change unseen
 */
public record EvidenceBundle(Path folder, List<Item> files, List<Item> failed, List<String> notes, String manifestSha256) {
    public static final String SCHEMA = "aitm.evidence/1";

    public EvidenceBundle {
        files = List.copyOf(files);
        failed = List.copyOf(failed);
        notes = List.copyOf(notes);
    }

    /**
     * One read. {@code sha256} and {@code bytes} for a written file; {@code error} for a read that failed.
     *
     * @param records how many objects the file holds (collections), 1 for a single object
     */
    public record Item(String name, String request, int status, String sha256, long bytes, int records, String error) {
    }
}

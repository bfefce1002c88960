package io.aitmdefense.respond.evidence;

/** Test access to the collector's hashing, so a test recomputes file hashes the same way. */
public final class EvidenceCollectorAccess {
    private EvidenceCollectorAccess() {
    }

    public static String sha256(byte[] bytes) {
        return EvidenceCollector.sha256(bytes);
    }
}

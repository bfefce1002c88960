package io.aitmdefense.model.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The hash chain of an append-only audit trail, one JSON object per line. Each line starts with the previous line's
 * hash and ends with its own, which is the SHA-256 of the line's bytes up to the hash:
 * <pre>{"prev":"&lt;64 hex&gt;", …the entry's fields…,"hash":"&lt;64 hex&gt;"}</pre>
 * The hash covers the exact text, so no re-serialisation (key order, number format) can make a verified line differ
 * from the one written, and editing any character of any line breaks that line or the next. No I/O here: the file
 * writer lives with the code that acts, and a store can keep the same lines in a table.
 */
public final class AuditChain {
    /** The {@code prev} of the first line. */
    public static final String GENESIS = "0".repeat(64);

    private static final String PREFIX = "{\"prev\":\"";
    private static final String SUFFIX_START = ",\"hash\":\"";
    private static final int HEX = 64;
    /** {@code ,"hash":"} + 64 hex + {@code "}} */
    private static final int SUFFIX_LENGTH = SUFFIX_START.length() + HEX + 2;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private AuditChain() {
    }

    /**
     * Seals one entry onto the chain.
     *
     * @param prev the previous line's hash, {@link #GENESIS} for the first
     * @param entryJson the entry as a JSON object ({@code {…}}) without {@code prev} or {@code hash}, on one line
     * @return the line to append (without a line break)
     */
    public static String seal(String prev, String entryJson) {
        if (!HEX64.matcher(prev).matches()) throw new IllegalArgumentException("prev must be 64 lower-case hex digits");
        String body = entryJson.strip();
        if (!body.startsWith("{") || !body.endsWith("}") || body.indexOf('\n') >= 0 || body.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an audit entry is a JSON object on one line");
        }
        String inner = body.substring(1, body.length() - 1).strip();
        String head = PREFIX + prev + "\"" + (inner.isEmpty() ? "" : "," + inner);
        return head + SUFFIX_START + sha256(head) + "\"}";
    }

    /** The hash a sealed line ends with. */
    public static String hashOf(String line) {
        return line.substring(line.length() - HEX - 2, line.length() - 2);
    }

    /**
     * Checks every line in order: its shape, that it names the previous line's hash, and that its own hash matches
     * its text. Stops at the first broken line, since nothing after it can be trusted to be in place.
     *
     * @param lines the trail's lines, in file order (blank lines are not allowed: an append never writes one)
     */
    public static ChainCheck verify(List<String> lines) {
        String prev = GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int n = i + 1;
            if (line.length() < PREFIX.length() + HEX + 1 + SUFFIX_LENGTH || !line.startsWith(PREFIX)
                    || !line.startsWith(SUFFIX_START, line.length() - SUFFIX_LENGTH) || !line.endsWith("\"}")) {
                return ChainCheck.broken(i, n, "not a sealed audit entry ({\"prev\":…,\"hash\":…})", prev);
            }
            String stated = line.substring(PREFIX.length(), PREFIX.length() + HEX);
            if (!stated.equals(prev)) {
                return ChainCheck.broken(i, n, "names previous hash " + stated.substring(0, 12) + "… but the line before"
                        + " hashes to " + prev.substring(0, 12) + "… (a line was removed, inserted or reordered)", prev);
            }
            String hash = hashOf(line);
            String actual = sha256(line.substring(0, line.length() - SUFFIX_LENGTH));
            if (!hash.equals(actual)) {
                return ChainCheck.broken(i, n, "its text does not match its hash (the line was edited)", prev);
            }
            prev = hash;
        }
        return ChainCheck.intact(lines.size(), prev);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

package io.aitmdefense.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Console accounts and their API tokens. Only a SHA-256 of each token is stored: a token is 256 random bits, so a
 * fast hash is enough (a slow password hash protects guessable secrets, which these are not).
 */
public final class ConsoleUsers {
    /** What a console user may do: read; also approve and run containment; also configure sources and users. */
    public enum Role {
        VIEWER, RESPONDER, ADMIN;

        public boolean atLeast(Role other) {
            return compareTo(other) >= 0;
        }
    }

    public record ConsoleUser(String name, Role role) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    ConsoleUsers(Database db) {
        this.db = db;
    }

    /**
     * Creates {@code name} with a new token unless the user exists.
     *
     * @return the new token (shown once, never stored), or empty if the user already existed
     */
    public Optional<String> createIfAbsent(String name, Role role, Instant at) {
        String token = newToken();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_users (name, role, token_hash, "
                    + "created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, name);
                ps.setString(2, role.name().toLowerCase(Locale.ROOT));
                ps.setString(3, hash(token));
                Sql.setInstant(ps, 4, at);
                return ps.executeUpdate() == 1 ? Optional.of(token) : Optional.empty();
            }
        });
    }

    /** The user a token belongs to. */
    public Optional<ConsoleUser> authenticate(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        String hash = hash(token.trim());
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, role FROM console_users WHERE token_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new ConsoleUser(rs.getString(1),
                            Role.valueOf(rs.getString(2).toUpperCase(Locale.ROOT))));
                }
            }
        });
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "aitm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 (hex) kept instead of a secret: of a console token here, of a session id in the web layer. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

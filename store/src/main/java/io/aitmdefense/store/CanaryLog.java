package io.aitmdefense.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The sign-in page canary's own log: each tenant's unguessable path, the hits that name a foreign page (kept, at most
 * {@link #KEPT_PER_TENANT} per tenant, the oldest dropped first), and counters for the hits that are only health.
 * Bounded by design: the endpoint is public, so nobody can fill the database through it.
 */
public final class CanaryLog {
    /** Foreign hits kept per tenant; older ones are deleted as new ones arrive. */
    public static final int KEPT_PER_TENANT = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    CanaryLog(Database db) {
        this.db = db;
    }

    /** A tenant's canary: its path token and what it has counted. */
    public record Canary(String tenant, String token, Instant created, long microsoftHits, long blankHits,
                         long droppedHits, Optional<Instant> lastHealth) {
    }

    /** One kept hit: a page other than Microsoft's showed the tenant's sign-in page to {@code ip}. */
    public record Hit(long seq, String tenant, Instant at, String ip, String domain, String referrer, String origin,
                      String userAgent) {
    }

    /** What a hit counts as when it is not kept. */
    public enum Tally { MICROSOFT, BLANK, DROPPED }

    /** The tenant's canary, made on first request with a fresh 144-bit random token. */
    public Canary ensure(String tenant, Instant at) {
        return db.transaction(c -> {
            Optional<Canary> known = find(c.prepareStatement(SELECT + " WHERE tenant = ?"), tenant);
            if (known.isPresent()) return known.get();
            byte[] b = new byte[18];
            RANDOM.nextBytes(b);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO canaries (tenant, token, created_at, "
                    + "microsoft_hits, blank_hits, dropped_hits) VALUES (?, ?, ?, 0, 0, 0)")) {
                ps.setString(1, tenant);
                ps.setString(2, token);
                Sql.setInstant(ps, 3, at);
                ps.executeUpdate();
            }
            return new Canary(tenant, token, at, 0, 0, 0, Optional.empty());
        });
    }

    /** The canary a path token belongs to, if any. */
    public Optional<Canary> byToken(String token) {
        return db.transaction(c -> find(c.prepareStatement(SELECT + " WHERE token = ?"), token));
    }

    public Optional<Canary> of(String tenant) {
        return db.transaction(c -> find(c.prepareStatement(SELECT + " WHERE tenant = ?"), tenant));
    }

    /** Counts a hit that is not kept. */
    public void count(String tenant, Tally tally, Instant at) {
        String column = switch (tally) {
            case MICROSOFT -> "microsoft_hits = microsoft_hits + 1, last_health_at = ?";
            case BLANK -> "blank_hits = blank_hits + 1";
            case DROPPED -> "dropped_hits = dropped_hits + 1";
        };
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE canaries SET " + column + " WHERE tenant = ?")) {
                int i = 1;
                if (tally == Tally.MICROSOFT) Sql.setInstant(ps, i++, at);
                ps.setString(i, tenant);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Keeps a foreign hit and returns it with its sequence number; the tenant's oldest beyond the bound go. */
    public Hit keep(String tenant, Instant at, String ip, String domain, String referrer, String origin, String userAgent) {
        return db.transaction(c -> {
            long seq;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO canary_hits (tenant, at, ip, domain, referrer, "
                    + "origin, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, tenant);
                Sql.setInstant(ps, 2, at);
                ps.setString(3, ip);
                ps.setString(4, domain);
                ps.setString(5, referrer);
                ps.setString(6, origin);
                ps.setString(7, userAgent);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    seq = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM canary_hits WHERE tenant = ? AND seq <= ?")) {
                ps.setString(1, tenant);
                ps.setLong(2, seq - KEPT_PER_TENANT);
                ps.executeUpdate();
            }
            return new Hit(seq, tenant, at, ip, domain, referrer, origin, userAgent);
        });
    }

    /** The tenant's kept hits after {@code seq}, oldest first, at most {@code limit}: what its reader has not seen yet. */
    public List<Hit> after(String tenant, long seq, int limit) {
        return db.transaction(c -> {
            List<Hit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, tenant, at, ip, domain, referrer, origin, "
                    + "user_agent FROM canary_hits WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                ps.setString(1, tenant);
                ps.setLong(2, seq);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Hit(rs.getLong(1), rs.getString(2), Sql.instant(rs, "at"), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
            }
            return out;
        });
    }

    private static final String SELECT = "SELECT tenant, token, created_at, microsoft_hits, blank_hits, dropped_hits, "
            + "last_health_at FROM canaries";

    private static Optional<Canary> find(PreparedStatement ps, String value) throws java.sql.SQLException {
        try (ps) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                var health = rs.getObject("last_health_at", java.time.OffsetDateTime.class);
                return Optional.of(new Canary(rs.getString(1), rs.getString(2), Sql.instant(rs, "created_at"),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        Optional.ofNullable(health).map(java.time.OffsetDateTime::toInstant)));
            }
        }
    }
}

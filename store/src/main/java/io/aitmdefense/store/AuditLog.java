package io.aitmdefense.store;

import io.aitmdefense.model.audit.AuditChain;
import io.aitmdefense.model.audit.ChainCheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Append-only, hash-chained audit trail of everything the service does to a tenant or an incident. Each chain holds
 * the same sealed lines an audit file does ({@link AuditChain}: {@code {"prev":…, …,"hash":…}}), one per row, so a
 * chain exported line by line verifies with {@code aitm respond audit}; the {@code prev_hash} and {@code hash} columns
 * repeat the line's two hashes for the head's compare-and-set. There is no update or delete here by design.
 */
public final class AuditLog {
    /** The previous hash of a chain's first entry. */
    public static final String GENESIS = AuditChain.GENESIS;

    private final Database db;

    AuditLog(Database db) {
        this.db = db;
    }

    /** One stored entry: its place in its chain, when, the sealed line ({@link AuditChain#seal}) and its two hashes. */
    public record Entry(String chain, long seq, Instant at, String entry, String prevHash, String hash) {
    }

    /** The outcome of checking a chain: the entries read and the first one whose hash does not hold, if any. */
    public record Verification(long entries, Optional<Entry> firstBroken) {
        public boolean intact() {
            return firstBroken.isEmpty();
        }
    }

    /**
     * Seals an entry (a JSON object on one line, without {@code prev}, {@code hash} or secrets: the caller's
     * responsibility) onto {@code chain}. Writers in this
     * process take turns; the chain's head moves by compare-and-set in the same transaction, so a writer in another
     * process cannot fork it either: the loser retries.
     */
    public Entry append(String chain, String entry, Instant at) {
        synchronized (db.auditLock) {
            for (int attempt = 0; ; attempt++) {
                try {
                    return db.transaction(c -> append(c, chain, entry, at));
                } catch (StoreException e) {
                    if (attempt >= 20 || !(e.getCause() instanceof ConcurrentAppend)) throw e;
                }
            }
        }
    }

    public List<Entry> entries(String chain) {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chain, seq, at, entry, prev_hash, hash FROM audit_entries WHERE chain = ? ORDER BY seq")) {
                ps.setString(1, chain);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getString("chain"), rs.getLong("seq"), Sql.instant(rs, "at"),
                                rs.getString("entry"), rs.getString("prev_hash"), rs.getString("hash")));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Checks the chain from its first entry with {@link AuditChain#verify}, and that each row's sequence number and
     * hash columns agree with its line. The first broken entry is the earlier of the two.
     */
    public Verification verify(String chain) {
        List<Entry> all = entries(chain);
        ChainCheck check = AuditChain.verify(all.stream().map(Entry::entry).toList());
        int limit = check.intact() ? all.size() : check.brokenLine() - 1;
        String prev = GENESIS;
        for (int i = 0; i < limit; i++) {
            Entry e = all.get(i);
            String hash = AuditChain.hashOf(e.entry());
            if (e.seq() != i + 1 || !e.prevHash().equals(prev) || !e.hash().equals(hash)) {
                return new Verification(all.size(), Optional.of(e));
            }
            prev = hash;
        }
        return new Verification(all.size(), check.intact() ? Optional.empty() : Optional.of(all.get(limit)));
    }

    private static Entry append(Connection c, String chain, String entry, Instant at) throws SQLException {
        long seq = 0;
        String prev = GENESIS;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_heads WHERE chain = ?")) {
            ps.setString(1, chain);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong(1);
                    prev = rs.getString(2);
                }
            }
        }
        String sealed = AuditChain.seal(prev, entry);
        Entry e = new Entry(chain, seq + 1, at, sealed, prev, AuditChain.hashOf(sealed));
        try {
            if (seq == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_heads (chain, seq, hash) VALUES (?, ?, ?)")) {
                    ps.setString(1, chain);
                    ps.setLong(2, e.seq());
                    ps.setString(3, e.hash());
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE audit_heads SET seq = ?, hash = ? WHERE chain = ? AND seq = ?")) {
                    ps.setLong(1, e.seq());
                    ps.setString(2, e.hash());
                    ps.setString(3, chain);
                    ps.setLong(4, seq);
                    if (ps.executeUpdate() != 1) throw new ConcurrentAppend();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entries (chain, seq, at, entry, "
                    + "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, chain);
                ps.setLong(2, e.seq());
                Sql.setInstant(ps, 3, at);
                ps.setString(4, e.entry());
                ps.setString(5, e.prevHash());
                ps.setString(6, e.hash());
                ps.executeUpdate();
            }
        } catch (SQLException ex) {
            if (Sql.duplicateKey(ex)) throw new ConcurrentAppend();
            throw ex;
        }
        return e;
    }

    /** Another writer moved the chain's head between our read and our write. */
    private static final class ConcurrentAppend extends SQLException {
        ConcurrentAppend() {
            super("another writer appended to the chain first");
        }
    }
}

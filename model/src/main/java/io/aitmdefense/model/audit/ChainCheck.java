package io.aitmdefense.model.audit;

/**
 * The result of checking an audit trail.
 *
 * @param entries how many lines verified before the first broken one (all of them when intact)
 * @param brokenLine the 1-based line number of the first broken line, 0 when intact
 * @param reason why that line is broken, "" when intact
 * @param lastHash the hash of the last verified line ({@link AuditChain#GENESIS} when none): an append continues here
 */
public record ChainCheck(boolean intact, int entries, int brokenLine, String reason, String lastHash) {

    static ChainCheck intact(int entries, String lastHash) {
        return new ChainCheck(true, entries, 0, "", lastHash);
    }

    static ChainCheck broken(int verified, int line, String reason, String lastHash) {
        return new ChainCheck(false, verified, line, reason, lastHash);
    }
}

package io.aitmdefense.model.incident;

import java.util.List;

/**
 * The campaign an incident belongs to: its id, the other users with incidents on the same attacker infrastructure,
 * and users without incidents who were seen from it ({@link Sighting}s). {@link #NONE} when it stands alone.
 */
public record BlastRadius(String campaignId, List<String> otherUsers, List<String> alsoSeenUsers) {
    public static final BlastRadius NONE = new BlastRadius("", List.of(), List.of());

    public boolean inCampaign() {
        return !campaignId.isEmpty();
    }
}

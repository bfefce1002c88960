package io.aitmdefense.simulate.truth;

import java.util.List;

/** One attack campaign: one technique and shared infrastructure, one or more victims. */
public record CampaignTruth(String id, Technique technique, List<VictimTruth> victims, Infrastructure infrastructure) {
}

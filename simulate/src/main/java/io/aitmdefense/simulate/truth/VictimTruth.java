package io.aitmdefense.simulate.truth;

import java.util.List;

/** One compromised user and their stages in the order they happened. */
public record VictimTruth(String userPrincipalName, String userId, String persona, boolean admin, List<StageTruth> stages) {
}

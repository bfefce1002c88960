package io.aitmdefense.events;

import java.time.Instant;

/**
 * One Identity Protection risk detection (AADUserRiskEvents, UserRiskEvents, Graph riskDetections) or a
 * risky-user state record (RiskyUsers; riskEventType "riskyUser").
 */
public record RiskDetection(
        Instant time, Source source, String tenantId,
        String id, String requestId, String correlationId,
        String userId, String userPrincipalName,
        String riskEventType, String riskLevel, String riskState, String riskDetail,
        String timing, String detectionSource, String activity,
        String ip, Geo geo, String userAgent) implements Event {

    @Override
    public String user() {
        return Users.key(userPrincipalName, userId);
    }

    /** Already dismissed, remediated or confirmed safe: not evidence of anything. */
    public boolean triaged() {
        return triaged(riskState, riskDetail);
    }

    static boolean triaged(String state, String detail) {
        return state.equalsIgnoreCase("dismissed") || state.equalsIgnoreCase("remediated")
                || state.equalsIgnoreCase("confirmedSafe") || detail.equalsIgnoreCase("aiConfirmedSigninSafe");
    }
}

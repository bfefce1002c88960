package io.aitmdefense.events;

import java.time.Instant;
import java.util.List;

/**
 * One Entra sign-in: interactive, non-interactive, service principal or managed identity, from any of
 * Log Analytics, diagnostic settings / Event Hubs, Graph, or the unified audit log (STS logon records).
 */
public record SignIn(
        Instant time, Source source, String tenantId,
        LogId id, LogId correlationId, String sessionId, LogId uniqueTokenId,
        String userId, String userPrincipalName, String userType,
        Category category,
        String ip, int asn, String userAgent, Device device, Geo geo,
        List<String> namedLocations, boolean trustedLocation,
        String appId, String appName, String resourceId, String resourceName, String clientApp,
        String authRequirement, List<AuthStep> authSteps,
        int errorCode, String failureReason, String statusDetail,
        String caStatus, List<CaResult> caPolicies,
        Risk risk, TokenContext token) implements Event {

    /** Which sign-in log the row belongs to. */
    public enum Category { INTERACTIVE, NON_INTERACTIVE, SERVICE_PRINCIPAL, MANAGED_IDENTITY }

    @Override
    public String user() {
        return Users.key(userPrincipalName, userId);
    }

    public boolean interactive() {
        return category == Category.INTERACTIVE;
    }

    public boolean success() {
        return errorCode == 0;
    }

    /** A workload identity, not a person: no user detection applies. */
    public boolean workload() {
        return category == Category.SERVICE_PRINCIPAL || category == Category.MANAGED_IDENTITY;
    }

    /**
     * The replay path never shows an MFA prompt: MFA or the first factor was "satisfied by claim in the
     * token" or "Previously satisfied".
     */
    public boolean satisfiedByToken() {
        if (containsIgnoreCase(statusDetail, "satisfied by claim")) return true;
        for (AuthStep s : authSteps) {
            if (s.method().equalsIgnoreCase("Previously satisfied")
                    || containsIgnoreCase(s.resultDetail(), "satisfied by claim in the token")) return true;
        }
        return false;
    }

    /** An MFA method was actually performed in this sign-in (not inherited from a token). */
    public boolean mfaPerformed() {
        if (containsIgnoreCase(statusDetail, "MFA completed")) return true;
        for (AuthStep s : authSteps) {
            if (s.succeeded() && (containsIgnoreCase(s.resultDetail(), "MFA successfully completed")
                    || containsIgnoreCase(s.resultDetail(), "MFA completed"))) return true;
        }
        return false;
    }

    private static boolean containsIgnoreCase(String text, String part) {
        return text.toLowerCase(java.util.Locale.ROOT).contains(part.toLowerCase(java.util.Locale.ROOT));
    }
}

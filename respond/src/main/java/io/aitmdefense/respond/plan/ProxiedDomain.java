package io.aitmdefense.respond.plan;

import io.aitmdefense.model.incident.Incident;

import java.util.Optional;

/**
 * An incident about a page, not a user: the sign-in page canary saw a page on a foreign domain proxying the tenant's
 * sign-in page ({@value #DETECTION}, keyed {@value #KEY_PREFIX}{@code <domain>}, so one incident gathers a campaign's
 * visitors). There is no account to contain: its plan blocks the domain and lists the users to watch.
 */
public final class ProxiedDomain {
    /** The detection of the canary: a proxied page (domain key) and a user at risk (user key). */
    public static final String DETECTION = "phishing-page-canary";
    /** The key of a proxying domain's incident. */
    public static final String KEY_PREFIX = "canary:";

    private ProxiedDomain() {
    }

    /** The proxying domain an incident is about, when it is a domain incident. */
    public static Optional<String> of(Incident incident) {
        return incident.userKey().startsWith(KEY_PREFIX) ? Optional.of(incident.user()) : Optional.empty();
    }
}

package io.aitmdefense.graph.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each scope's token until {@link #MARGIN} before it expires, so a request never leaves with a token that
 * runs out on the way (and a long paging loop renews it between pages).
 */
public final class CachingTokenProvider implements TokenProvider {
    /** MSAL renews five minutes before expiry too; a Graph token lives about an hour. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final TokenProvider source;
    private final Clock clock;
    private final Map<String, AccessToken> cache = new HashMap<>();

    public CachingTokenProvider(TokenProvider source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public synchronized AccessToken token(String scope) {
        AccessToken t = cache.get(scope);
        if (t == null || !clock.instant().plus(MARGIN).isBefore(t.expiresOn())) {
            t = source.token(scope);
            cache.put(scope, t);
        }
        return t;
    }

    @Override
    public synchronized void invalidate(String scope) {
        cache.remove(scope);
        source.invalidate(scope);
    }
}

package io.aitmdefense.server.web;

import io.aitmdefense.store.ConsoleUsers;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, in memory: a restart signs everyone out, which costs a responder one paste of their token and
 * keeps no session secret on disk. Sessions are keyed by the SHA-256 of their id, so not even this map holds a cookie
 * value. A session ends after {@code idle} without a request, or {@code lifetime} after sign-in, whichever is first.
 */
public final class Sessions {
    /** A console tab left open over a lunch break stays signed in; one left overnight does not. */
    public static final Duration IDLE = Duration.ofMinutes(60);
    /** One working shift. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One session: who, its CSRF token, when it began and when it was last used. */
    public record Session(Principal principal, String csrf, Instant created, Instant lastSeen) {
    }

    /** A new session's cookie value (shown to the browser once) and the session. */
    public record Started(String id, Session session) {
    }

    private final Map<String, Session> byHash = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration lifetime;

    public Sessions(Clock clock, Duration idle, Duration lifetime) {
        this.clock = clock;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    public Sessions(Clock clock) {
        this(clock, IDLE, LIFETIME);
    }

    /** A fresh session for {@code who}: always a new id, so an id planted before sign-in is worth nothing after it. */
    public Started start(Principal who) {
        Instant now = clock.instant();
        String id = random();
        Session s = new Session(who, random(), now, now);
        byHash.put(ConsoleUsers.hash(id), s);
        expire(now);
        return new Started(id, s);
    }

    /** The live session of a cookie value, its idle clock reset; empty when unknown or expired (and then forgotten). */
    public Optional<Session> touch(String id) {
        if (id == null || id.isBlank()) return Optional.empty();
        Instant now = clock.instant();
        String key = ConsoleUsers.hash(id);
        Session s = byHash.computeIfPresent(key, (k, old) -> live(old, now)
                ? new Session(old.principal(), old.csrf(), old.created(), now) : null);
        return Optional.ofNullable(s);
    }

    public void end(String id) {
        if (id != null) byHash.remove(ConsoleUsers.hash(id));
    }

    public int size() {
        return byHash.size();
    }

    private boolean live(Session s, Instant now) {
        return now.isBefore(s.lastSeen().plus(idle)) && now.isBefore(s.created().plus(lifetime));
    }

    /** Forgets expired sessions; run at each sign-in, so the map stays as small as the number of recent sign-ins. */
    private void expire(Instant now) {
        byHash.values().removeIf(s -> !live(s, now));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

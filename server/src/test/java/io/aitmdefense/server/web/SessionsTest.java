package io.aitmdefense.server.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {
    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-20T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final HandClock clock = new HandClock();
    final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(8));
    final Principal alice = new Principal("alice", Role.RESPONDER);

    @Test
    void aSessionUsedWithinTheIdleTimeoutLivesUntilItsLifetimeEnds() {
        Sessions.Started s = sessions.start(alice);
        for (int i = 0; i < 16; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(29));
            assertThat(sessions.touch(s.id())).as("after %d × 29 min", i + 1).isPresent();
        }
        clock.now = clock.now.plus(Duration.ofMinutes(29)); // 17 × 29 min > 8 h
        assertThat(sessions.touch(s.id())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void anIdleSessionEndsAndEachSignInGetsNewIdsAndCsrfTokens() {
        Sessions.Started a = sessions.start(alice);
        Sessions.Started b = sessions.start(alice);
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.session().csrf()).isNotEqualTo(b.session().csrf()).isNotEqualTo(a.id());
        assertThat(sessions.touch(a.id())).map(Sessions.Session::principal).hasValue(alice);
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertThat(sessions.touch(a.id())).isEmpty();
        assertThat(sessions.touch("forged")).isEmpty();
        assertThat(sessions.touch(null)).isEmpty();
    }
}

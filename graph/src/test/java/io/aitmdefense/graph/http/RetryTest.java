package io.aitmdefense.graph.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.graph.GraphClient;
import io.aitmdefense.graph.GraphRequest;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordingSleeper;
import io.aitmdefense.graph.testkit.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryTest {
    static LocalMicrosoft ms;
    RecordingSleeper sleeper;
    List<Attempt> attempts;
    GraphClient graph;

    @BeforeAll
    static void start() {
        ms = LocalMicrosoft.start();
    }

    @AfterAll
    static void stop() {
        ms.close();
    }

    @BeforeEach
    void client() {
        sleeper = new RecordingSleeper();
        attempts = new CopyOnWriteArrayList<>();
        graph = ms.clients(ms.settingsWithToken()).sleeper(sleeper).observer(attempts::add)
                .retry(RetryPolicy.defaults().withJitter(() -> 0.5)).build().graph();
    }

    @Test
    void throttledWithFractionalThenWithoutRetryAfterThenSucceeds() {
        ms.script("GET", "/v1.0/users/adele", Reply.throttled("2.128"), Reply.throttled(null), Reply.sample(200, "users-get.json"));

        ApiResponse r = graph.get("/users/adele");

        assertThat(r.json().path("displayName").asText()).isEqualTo("Adele Vance");
        assertThat(r.attempts()).isEqualTo(3);
        // Retry-After 2.128 honoured to the millisecond; then 1 s doubled to 2 s, half of it jittered (0.5 → 1.5 s)
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(2128), Duration.ofMillis(1500));
        assertThat(attempts).extracting(Attempt::status).containsExactly(429, 429, 200);
        assertThat(attempts).extracting(Attempt::clientRequestId).containsOnly(r.clientRequestId());
        assertThat(ms.requests("GET", "/v1.0/users/adele")).extracting(q -> q.header("client-request-id").orElseThrow())
                .containsOnly(r.clientRequestId());
    }

    @Test
    void unavailableUntilTheAttemptsRunOutEndsWithTheServiceErrorAndRequestId() {
        ms.script("GET", "/v1.0/users/down", Reply.unavailable(null));

        assertThatThrownBy(() -> graph.get("/users/down")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("serviceNotAvailable");
            assertThat(e.error().requestId()).contains("5c3e0f22-7d3a-4b7e-9b1e-3f1a2b4c5d6e");
            assertThat(e.attempts()).isEqualTo(5);
            assertThat(e.getMessage()).isEqualTo("GET /v1.0/users/down: 503 serviceNotAvailable: The service is"
                    + " temporarily unavailable. (request-id 5c3e0f22-7d3a-4b7e-9b1e-3f1a2b4c5d6e, client-request-id"
                    + " 5c3e0f22-7d3a-4b7e-9b1e-3f1a2b4c5d6e, date 2025-03-01T10:00:00) after 5 attempts");
        });
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500),
                Duration.ofMillis(3000), Duration.ofMillis(6000));
        assertThat(ms.requests("GET", "/v1.0/users/down")).hasSize(5);
    }

    @Test
    void anActionIsRetriedOnlyWhenTheAnswerProvesItDidNotRun() {
        ObjectMapper json = new ObjectMapper();
        ms.script("POST", "/v1.0/users/a/revokeSignInSessions", Reply.unavailable(null));
        ms.script("POST", "/v1.0/users/b/revokeSignInSessions", Reply.json(504, ""));
        ms.script("POST", "/v1.0/users/c/revokeSignInSessions", Reply.throttled(null), Reply.sample(200, "user-revokesigninsessions.json"));
        ms.script("POST", "/v1.0/users/d/revokeSignInSessions", Reply.unavailable("3"), Reply.sample(200, "user-revokesigninsessions.json"));

        assertThatThrownBy(() -> graph.post("/users/a/revokeSignInSessions", null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> graph.post("/users/b/revokeSignInSessions", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(504));
        assertThat(graph.post("/users/c/revokeSignInSessions", null).json().path("value").asBoolean()).isTrue();
        assertThat(graph.post("/users/d/revokeSignInSessions", null).json().path("value").asBoolean()).isTrue();

        assertThat(ms.requests("POST", "/v1.0/users/a/revokeSignInSessions")).hasSize(1);
        assertThat(ms.requests("POST", "/v1.0/users/b/revokeSignInSessions")).hasSize(1);
        assertThat(ms.requests("POST", "/v1.0/users/c/revokeSignInSessions")).hasSize(2);
        assertThat(ms.requests("POST", "/v1.0/users/d/revokeSignInSessions")).hasSize(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(750), Duration.ofSeconds(3));

        // a PATCH that is not idempotent (a new password each time) can be marked so, and is then not repeated
        ms.script("PATCH", "/v1.0/users/e", Reply.unavailable(null));
        GraphRequest reset = GraphRequest.patch("/users/e", json.createObjectNode().putObject("passwordProfile")).idempotent(false);
        assertThatThrownBy(() -> graph.send(reset)).isInstanceOf(ApiException.class);
        assertThat(ms.requests("PATCH", "/v1.0/users/e")).hasSize(1);
    }

    @Test
    void aRetryAfterLongerThanThePolicyAllowsEndsTheRetriesAndSaysHowLong() {
        ms.script("GET", "/v1.0/users/slow", Reply.throttled("3600"));

        assertThatThrownBy(() -> graph.get("/users/slow")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("TooManyRequests");
            assertThat(e.retryAfter()).contains(Duration.ofHours(1));
            assertThat(e.getMessage()).endsWith("; the service asks to wait 3600.0 s");
        });
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void graphErrorsCarryCodeMessageAndTheIdsOfTheBody() {
        ms.script("DELETE", "/v1.0/groups/0e226165-c685-41ce-8bfc-df8360ab325d", Reply.sample(403, "error-403-authorization-requestdenied.json"));

        assertThatThrownBy(() -> graph.delete("/groups/0e226165-c685-41ce-8bfc-df8360ab325d"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(new ApiError(403, "Authorization_RequestDenied",
                            "Insufficient privileges to complete the operation.",
                            Optional.of("93b6f17e-c05d-4f45-ad2a-6665c708d8a0"),
                            Optional.of("e70c5c1b-8b47-68c0-3171-3d22f5e0bd54"), Optional.of("2025-02-13T10:17:06")));
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aRefusedTokenIsFetchedAgainOnce() {
        int[] calls = {0};
        ms.on("GET", "/v1.0/me", r -> ++calls[0] == 1
                ? Reply.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Lifetime validation failed, the token is expired.\"}}")
                : Reply.sample(200, "users-get.json"));

        assertThat(graph.get("/me").json().path("displayName").asText()).isEqualTo("Adele Vance");
        assertThat(calls[0]).isEqualTo(2);
        assertThat(attempts).extracting(Attempt::status).containsExactly(401, 200);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void retryAfterIsReadAsSecondsDecimalsOrAnHttpDate() {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");
        assertThat(RetryAfter.parse("2", now)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse("0.249", now)).contains(Duration.ofMillis(249));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(null, now)).isEmpty();
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
    }

    @Test
    void backoffDoublesUpToTheCapWithJitterInTheUpperHalf() {
        RetryPolicy low = RetryPolicy.defaults().withJitter(() -> 0.0);
        RetryPolicy high = RetryPolicy.defaults().withJitter(() -> 0.999);
        assertThat(low.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(high.backoff(1)).isEqualTo(Duration.ofMillis(999));
        assertThat(low.backoff(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(high.backoff(30)).isLessThan(Duration.ofSeconds(30)).isGreaterThan(Duration.ofSeconds(29));
    }
}

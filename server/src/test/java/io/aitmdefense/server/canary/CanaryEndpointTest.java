package io.aitmdefense.server.canary;

import io.aitmdefense.server.api.ApiServer;
import io.aitmdefense.server.api.ServerContext;
import io.aitmdefense.store.CanaryLog;
import io.aitmdefense.store.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The public canary route over real HTTP: what it answers, what it keeps and what it only counts. */
class CanaryEndpointTest {
    static final Instant NOW = Instant.parse("2026-01-08T18:10:30Z");
    static final String TENANT = "90b61727-a375-48ac-b538-7ef348a59291";

    @TempDir
    Path dir;
    Database db;
    String token;
    final AtomicInteger wakes = new AtomicInteger();
    final HttpClient http = HttpClient.newHttpClient();

    @org.junit.jupiter.api.AfterEach
    void close() {
        db.close();
    }

    @BeforeEach
    void open() {
        db = Database.embedded(dir);
        token = db.canaries().ensure(TENANT, NOW).token();
    }

    private ApiServer server(boolean trustForwardedFor) {
        CanaryEndpoint endpoint = new CanaryEndpoint(db, Clock.fixed(NOW, ZoneOffset.UTC), trustForwardedFor, wakes::incrementAndGet);
        return ApiServer.start(ServerContext.of("127.0.0.1", 0, db, List::of, Clock.fixed(NOW, ZoneOffset.UTC)).withCanary(endpoint));
    }

    private HttpResponse<byte[]> get(ApiServer api, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aMicrosoftPageIsHealthAForeignPageIsKeptAndNeitherGetsACookieOrACache() throws Exception {
        try (ApiServer api = server(false)) {
            String path = "/canary/" + token + ".gif";
            HttpResponse<byte[]> health = get(api, path, "Referer", "https://login.microsoftonline.com/");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("image/gif"));
            assertThat(health.body()).isEqualTo(CanaryEndpoint.PIXEL);
            assertThat(health.headers().firstValue("Cache-Control")).contains("no-store, max-age=0");
            assertThat(health.headers().allValues("Set-Cookie")).isEmpty();
            get(api, path);
            HttpResponse<byte[]> foreign = get(api, path, "Referer", "https://login.micros0ft-auth.example/common",
                    "User-Agent", "Mozilla/5.0\t<script>x</script>");
            assertThat(foreign.statusCode()).isEqualTo(200);

            CanaryLog.Canary c = db.canaries().of(TENANT).orElseThrow();
            assertThat(c.microsoftHits()).isEqualTo(1);
            assertThat(c.blankHits()).isEqualTo(1);
            List<CanaryLog.Hit> kept = db.canaries().after(TENANT, 0, 10);
            assertThat(kept).singleElement().satisfies(h -> {
                assertThat(h.domain()).isEqualTo("login.micros0ft-auth.example");
                assertThat(h.ip()).isEqualTo("127.0.0.1");
                assertThat(h.userAgent()).isEqualTo("Mozilla/5.0<script>x</script>");
            });
            assertThat(wakes).hasValue(1);
        }
    }

    @Test
    void anUnknownTokenIsABare404AndExposesNothing() throws Exception {
        try (ApiServer api = server(false)) {
            HttpResponse<byte[]> r = get(api, "/canary/" + "A".repeat(24) + ".gif", "Referer", "https://evil.example/");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEmpty();
            assertThat(get(api, "/canary/" + token + ".png").statusCode()).isEqualTo(404);
            assertThat(db.canaries().after(TENANT, 0, 10)).isEmpty();
        }
    }

    @Test
    void oneAddressGetsAFewKeptHitsThenOnlyCountsAndLongHeadersAreCut() throws Exception {
        try (ApiServer api = server(true)) {
            String path = "/canary/" + token + ".gif";
            String longReferrer = "https://kit.example/" + "x".repeat(4000);
            for (int i = 0; i < 8; i++) {
                get(api, path, "Referer", longReferrer, "X-Forwarded-For", "203.0.113.9, 10.0.0.1");
            }
            List<CanaryLog.Hit> kept = db.canaries().after(TENANT, 0, 100);
            assertThat(kept).hasSize(5).allSatisfy(h -> {
                assertThat(h.ip()).isEqualTo("203.0.113.9");
                assertThat(h.domain()).isEqualTo("kit.example");
                assertThat(h.referrer()).hasSize(CanaryEndpoint.HEADER_LIMIT);
            });
            assertThat(db.canaries().of(TENANT).orElseThrow().droppedHits()).isEqualTo(3);
        }
    }
}

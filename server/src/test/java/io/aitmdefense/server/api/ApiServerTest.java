package io.aitmdefense.server.api;

import io.aitmdefense.server.source.SourceStatus;
import io.aitmdefense.store.Database;
import io.aitmdefense.store.IncidentRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiServerTest {
    static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void healthIsOpenAndIncidentsNeedTheAdminTokenWhoseFileOnlyItsOwnerCanRead() throws Exception {
        try (Database db = Database.embedded(data)) {
            Path tokenFile = AdminToken.ensure(db, data, NOW).orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            assertThat(AdminToken.ensure(db, data, NOW)).as("created once").isEmpty();
            String token = Files.readString(tokenFile).trim();
            db.incidents().save(new IncidentRow("inc-1", "t1", "u1", "alice@contoso.com", "critical", "open", NOW, NOW,
                    NOW, 0, "{\"id\":\"inc-1\",\"alerts\":[\"al-1\"]}"), Set.of("CREATED"));
            SourceStatus folder = new SourceStatus("folder:/inbox", "folder", 12, 1, Optional.of(NOW),
                    Optional.of(NOW.minusSeconds(90)), Optional.of("x.json: not a log"));
            try (ApiServer api = ApiServer.start(ServerContext.of("127.0.0.1", 0, db, () -> List.of(folder), Clock.fixed(NOW, ZoneOffset.UTC)))) {
                String base = "http://127.0.0.1:" + api.port();
                HttpResponse<String> health = get(base + "/api/v1/health", null);
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"degraded\"", "\"lagSeconds\":90", "not a log")
                        .doesNotContain("inc-1");

                HttpResponse<String> anonymous = get(base + "/api/v1/incidents", null);
                assertThat(anonymous.statusCode()).isEqualTo(401);
                assertThat(anonymous.body()).doesNotContain("inc-1");
                assertThat(get(base + "/api/v1/incidents", "aitm_wrong").statusCode()).isEqualTo(401);

                HttpResponse<String> incidents = get(base + "/api/v1/incidents", token);
                assertThat(incidents.statusCode()).isEqualTo(200);
                assertThat(incidents.body()).contains("\"id\":\"inc-1\"", "\"alertCount\":1");
                assertThat(get(base + "/api/v1/incidents?severity=high", token).body()).doesNotContain("inc-1");
            }
        }
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

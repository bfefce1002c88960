package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.server.web.TestConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest {
    @TempDir
    Path dir;

    @Test
    void theServedDocumentNamesEveryRegisteredApiRouteAndNoOther() throws Exception {
        try (TestConsole console = new TestConsole(dir)) {
            HttpResponse<String> r = console.get("/api/v1/openapi.json", console.adminToken);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode doc = new ObjectMapper().readTree(r.body());
            assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");

            Set<String> registered = new TreeSet<>();
            for (ApiServer.Route route : console.api.routes()) {
                String p = route.path();
                if (p.startsWith("/api/") || p.equals("/login") || p.equals("/logout")) {
                    registered.add(route.method().toString().toLowerCase(Locale.ROOT) + " " + p);
                }
            }
            assertThat(registered).as("enough routes to compare").hasSizeGreaterThan(10);
            Set<String> documented = new TreeSet<>();
            doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                    .forEachRemaining(method -> documented.add(method + " " + path.getKey())));
            assertThat(documented).isEqualTo(registered);

            doc.path("paths").forEach(path -> path.forEach(op -> {
                assertThat(op.path("summary").asText()).isNotBlank();
                assertThat(op.path("responses").size()).isPositive();
            }));
            Set<String> refs = new TreeSet<>();
            collectRefs(doc, refs);
            assertThat(refs).isNotEmpty();
            for (String ref : refs) assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref + " resolves").isFalse();
        }
    }

    private static void collectRefs(JsonNode n, Set<String> into) {
        if (n.has("$ref")) into.add(n.get("$ref").asText());
        n.forEach(child -> collectRefs(child, into));
    }
}

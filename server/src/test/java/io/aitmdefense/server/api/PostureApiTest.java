package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.posture.assess.PostureAssessor;
import io.aitmdefense.posture.assess.PostureJsonReport;
import io.aitmdefense.posture.read.CaExportReader;
import io.aitmdefense.posture.read.CaReadResult;
import io.aitmdefense.server.web.TestConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PostureApiTest {
    static final Path EXPORT = Path.of("../shared/data/ca-policies/j0eyv-ConditionalAccessBaseline/original");

    @TempDir
    Path dir;

    @Test
    void thePostureRouteAnswersTheSameAssessmentAsThePostureCommandOfTheServeFilesExport() throws Exception {
        CaReadResult read = new CaExportReader().read(EXPORT);
        assertThat(read.snapshot().policies()).as("the public baseline has policies").hasSizeGreaterThan(5);
        JsonNode direct = PostureJsonReport.toJson(new PostureAssessor().assess(read.snapshot(),
                new PostureAssessor.Options(Set.of(), Set.of(), Clock.systemUTC())));
        try (TestConsole console = new TestConsole(dir, c -> c.withPosture(Optional.of(new PostureSource(List.of(EXPORT), Set.of()))))) {
            HttpResponse<String> r = console.get("/api/v1/posture", console.adminToken);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode posture = new ObjectMapper().readTree(r.body());
            assertThat(posture.path("schema").asText()).isEqualTo("aitm.api.posture/1");
            assertThat(posture.path("policies").asInt()).isEqualTo(read.snapshot().policies().size());
            JsonNode a = posture.path("assessment");
            assertThat(a.path("score")).isEqualTo(direct.path("score"));
            assertThat(a.path("matrix")).isEqualTo(direct.path("matrix"));
            assertThat(a.path("findings").size()).isEqualTo(direct.path("findings").size()).isPositive();
        }
        try (TestConsole console = new TestConsole(dir.resolve("other"))) {
            HttpResponse<String> none = console.get("/api/v1/posture", console.adminToken);
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(none.body()).contains("posture: {exports:");
        }
    }
}

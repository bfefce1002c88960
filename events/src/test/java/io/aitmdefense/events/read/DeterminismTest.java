package io.aitmdefense.events.read;

import io.aitmdefense.events.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.aitmdefense.events.read.Reading.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Worker threads change the order events arrive in, never which events or what they say. */
class DeterminismTest {

    @Test
    void oneAndFourWorkersReadTheSameEventsAndCounts(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("../shared/data/logs/sentinel-training-lab/office_activity.csv"), dir.resolve("office.csv"));
        Files.copy(fixture("eh-batches.ndjson"), dir.resolve("eh.json"));
        Files.copy(fixture("portal-signinlogs.csv"), dir.resolve("portal.csv"));
        writeLargeNdjson(dir.resolve("many.json"), 9000, new Random(42));

        Reading one = Reading.of(1, dir);
        Reading four = Reading.of(4, dir);

        assertThat(four.events()).hasSize(one.events().size());
        assertThat(sorted(four.events())).isEqualTo(sorted(one.events()));
        assertThat(four.report().files()).isEqualTo(one.report().files());
        assertThat(one.report().rejected()).as("the generated bad lines").isEqualTo(one.rejections().size());
    }

    @Test
    void manyRejectionsAcrossBatchesAreListedTheSameWithOneOrFourWorkers(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            if (i % 40 == 7) b.append("{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"bad ").append(i).append("\"}\n");
            else if (i % 40 == 9) b.append("{\"TimeGenerated\":\"2025-01-01T00:00:00Z\",\"Type\":\"Table").append(i % 3).append("\"}\n");
            else b.append("{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"2025-01-01T00:00:00Z\",\"UserPrincipalName\":\"u").append(i)
                    .append("@contoso.example\"}\n");
        }
        Files.writeString(dir.resolve("rows.json"), b);

        FileSummary one = Reading.of(1, dir).file(), four = Reading.of(4, dir).file();

        assertThat(four).isEqualTo(one);
        assertThat(one.rejected()).isEqualTo(300);
        assertThat(one.firstRejections()).hasSize(20).extracting(Rejection::line).startsWith(8L, 48L, 88L);
        assertThat(one.skipReasons()).hasSize(3);
    }

    private static List<String> sorted(List<Event> events) {
        return events.stream().map(Event::toString).sorted(Comparator.naturalOrder()).toList();
    }

    /** Many NDJSON sign-ins, some rows broken, so several batches run in parallel with rejections in each. */
    private static void writeLargeNdjson(Path file, int rows, Random random) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            if (random.nextInt(1000) == 0) {
                b.append("{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\n");
                continue;
            }
            b.append("{\"Type\":\"AADNonInteractiveUserSignInLogs\",\"CreatedDateTime\":\"2025-03-0").append(1 + random.nextInt(9))
                    .append("T0").append(random.nextInt(10)).append(":1").append(random.nextInt(10)).append(":00.").append(i % 1000)
                    .append("Z\",\"UserPrincipalName\":\"user").append(random.nextInt(50)).append("@contoso.example\",\"IPAddress\":\"198.51.100.")
                    .append(random.nextInt(256)).append("\",\"AppId\":\"d3590ed6-52b3-4102-aeff-aad2292ab01c\",\"SessionId\":\"")
                    .append(new java.util.UUID(random.nextLong(), random.nextLong())).append("\",\"Status\":\"{\\\"errorCode\\\":0}\",\"ConditionalAccessPolicies\":\"[")
                    .append("{\\\"displayName\\\":\\\"p").append(i).append("\\\",\\\"result\\\":\\\"success\\\"}]\"}\n");
        }
        Files.writeString(file, b);
    }
}

package io.aitmdefense.events.read.json;

import io.aitmdefense.events.LogId;
import io.aitmdefense.events.RandomIds;
import io.aitmdefense.events.read.row.Fields;
import io.aitmdefense.events.read.row.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A JSON row's ids read from its bytes are the ids of its text, escapes, nulls, numbers and absence included. */
class JsonRowIdTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void anIdReadFromTheBytesEqualsTheIdOfTheText(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            String id = RandomIds.text(r);
            String value = switch (r.nextInt(6)) {
                case 0 -> "null";
                case 1 -> String.valueOf(r.nextInt(1000));
                case 2 -> "\"" + id.replace("-", "\\u002d") + "\""; // escaped: read as text, same id
                default -> "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            };
            String json = r.nextBoolean() ? "{\"correlationId\":" + value + ",\"id\":\"x\"}" : "{\"id\":\"x\"}";
            Row row = JsonRow.parse(json.getBytes(StandardCharsets.UTF_8));

            LogId read = row.id(Fields.CORRELATION_ID);
            assertThat(read).as(json).isEqualTo(LogId.of(row.text(Fields.CORRELATION_ID)));
            assertThat(read).as(json).hasToString(row.text(Fields.CORRELATION_ID));
        }
    }
}

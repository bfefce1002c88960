package io.aitmdefense.events.read;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every timestamp form of log-schemas §14, all UTC unless an offset says otherwise. */
class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2025-02-17T08:35:37.6544801+00:00|2025-02-17T08:35:37.654480100Z",
            "2025-02-17T08:38:07.5991020Z|2025-02-17T08:38:07.599102Z",
            "2025-02-17T10:38:07.5+02:00|2025-02-17T08:38:07.500Z",
            "2025-02-17T03:38:07-05:00|2025-02-17T08:38:07Z",
            "2025-02-17T10:38:07.25+0200|2025-02-17T08:38:07.250Z",
            "2025-02-17T10:38:07+02|2025-02-17T08:38:07Z",
            "2023-05-24T15:10:53|2023-05-24T15:10:53Z",
            "2025-01-15 14:20:35.456|2025-01-15T14:20:35.456Z",
            "'2026-01-24T06:54:24.0000000Z '|2026-01-24T06:54:24Z",
            "'4/28/2021, 2:08:45.221 PM'|2021-04-28T14:08:45.221Z",
            "'4/28/2021, 12:08:45.221 AM'|2021-04-28T00:08:45.221Z",
            "'4/28/2021, 12:08:45.221 PM'|2021-04-28T12:08:45.221Z",
            "3/24/2022 2:42:35 PM|2022-03-24T14:42:35Z",
            "9/20/2023 4:05:03 AM|2023-09-20T04:05:03Z",
            "9/20/2023 4:05:03 am|2023-09-20T04:05:03Z",
            "12/31/2024 11:59 PM|2024-12-31T23:59:00Z",
            "1759394725|2025-10-02T08:45:25Z",
            "638754711120000000|2025-02-18T10:25:12Z",
            "2024-02-29T23:59:59.9999999Z|2024-02-29T23:59:59.9999999Z",
            "2025-02-17T08:35:37.123456789123Z|2025-02-17T08:35:37.123456789Z",
    })
    void parses(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"yesterday", "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-02-17T25:00:00Z",
            "13/45/2021, 2:33:14.000 PM", "4/28/2021 14:08:45 PM", "2025-02-17T08:35:37+0000x", "2025-02-17T08:35:37 Z garbage"})
    void rejectsWithTheTextInTheMessage(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.trim());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   "})
    void blankIsNoTimestamp(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage("no timestamp");
    }
}

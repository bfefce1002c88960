package io.aitmdefense.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LogId} against the string it replaces: same text back, equal exactly when the texts are. */
class LogIdTest {
    private static final Pattern LOWER_CASE_GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyIdComesBackAsItsTextWhetherMadeFromTheTextOrFromItsBytes(long seed) {
        Random r = new Random(seed);
        List<String> texts = new ArrayList<>();
        int held = 0;
        for (int i = 0; i < 2_000; i++) {
            String text = RandomIds.text(r);
            texts.add(text);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            byte[] framed = new byte[utf8.length + 7]; // at an offset inside a larger buffer, as the codec reads it
            System.arraycopy(utf8, 0, framed, 3, utf8.length);
            LogId made = LogId.of(text), decoded = LogId.utf8(framed, 3, utf8.length);

            assertThat(made.toString()).isSameAs(text);
            assertThat(decoded.toString()).as("decoded %s", text).isEqualTo(text);
            assertThat(decoded).isEqualTo(made).hasSameHashCodeAs(made);
            assertThat(decoded.isGuid()).as(text).isEqualTo(LOWER_CASE_GUID.matcher(text).matches());
            if (made.isGuid() || !made.toString().equals(new String(text))) held++;
            if (decoded.high() != 0 || decoded.low() != 0) held++;
        }
        assertThat(held).as("the seeds make GUIDs and token ids, not only text").isGreaterThan(500);
        // equal exactly when the texts are, across shapes
        for (int i = 0; i + 1 < texts.size(); i++) {
            String a = texts.get(i), b = i % 3 == 0 ? new String(a) : texts.get(i + 1);
            assertThat(LogId.of(a).equals(LogId.of(b))).as("%s vs %s", a, b).isEqualTo(a.equals(b));
        }
    }

    @Test
    void theTwoShapesAreHeldAsBitsAndSpelledBackExactly() {
        String guid = "048f38ea-345e-4564-9d4e-f76fc4d0a96f";
        LogId id = LogId.utf8(guid.getBytes(StandardCharsets.US_ASCII), 0, 36);
        assertThat(id.isGuid()).isTrue();
        assertThat(id.high()).isEqualTo(0x048f38ea345e4564L);
        assertThat(id.low()).isEqualTo(0x9d4ef76fc4d0a96fL);
        assertThat(LogId.guid(0x048f38ea345e4564L, 0x9d4ef76fc4d0a96fL)).hasToString(guid).isEqualTo(id);

        // Entra's uniqueTokenIdentifier: 16 bytes in unpadded base64url
        String token = "d1ygKmDyO2kJ1LjLIw6FFQ";
        LogId t = LogId.utf8(token.getBytes(StandardCharsets.US_ASCII), 0, 22);
        assertThat(t.isGuid()).isFalse();
        assertThat(t.high()).isEqualTo(bytesAsLong(java.util.Base64.getUrlDecoder().decode(token), 0));
        assertThat(t.low()).isEqualTo(bytesAsLong(java.util.Base64.getUrlDecoder().decode(token), 8));
        assertThat(t).hasToString(token);
    }

    @Test
    void upperCaseGuidsAndOtherShapesStayText() {
        for (String s : List.of("048F38EA-345E-4564-9D4E-F76FC4D0A96F", "zZ9yY8xX7wW6vV5uU4tT3s", "Directory_6cc003f8_ER184_241124868",
                "aEQ2qLOsqkS86zz3OHIeA=", "048f38ea-345e-4564-9d4e-f76fc4d0a96", "rec-1")) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            LogId id = LogId.utf8(b, 0, b.length);
            assertThat(id.isGuid()).as(s).isFalse();
            assertThat(id.high()).as(s).isZero();
            assertThat(id.low()).as(s).isZero();
            assertThat(id).hasToString(s);
        }
        assertThat(LogId.of("")).isSameAs(LogId.NONE);
        assertThat(LogId.utf8(new byte[4], 2, 0)).isSameAs(LogId.NONE);
        assertThat(LogId.NONE.isEmpty()).isTrue();
        assertThat(LogId.of("0").isEmpty()).isFalse();
    }

    private static long bytesAsLong(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) v = v << 8 | (b[i] & 0xFF);
        return v;
    }
}

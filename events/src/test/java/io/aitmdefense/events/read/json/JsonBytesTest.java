package io.aitmdefense.events.read.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The string scanner steps eight bytes at a time through escapes and the unescaper copies eight bytes at a time:
 * both must agree with the JSON grammar at every alignment, for escape-dense text (JSON held in a string, runs of
 * backslashes, escapes across an eight-byte boundary) as much as for plain text.
 */
class JsonBytesTest {

    private static final String ALPHABET = "ab\"\\/ \u00e9\u20ac\n\t{}[]:,0";

    /** A random string rich in quotes and backslashes, and its JSON encoding with random choices of escape. */
    private static String[] randomString(Random rnd) {
        StringBuilder text = new StringBuilder(), json = new StringBuilder("\"");
        int n = rnd.nextInt(40);
        for (int k = 0; k < n; k++) {
            char c = rnd.nextInt(20) == 0 ? "\ud83d\ude00".charAt(0) : ALPHABET.charAt(rnd.nextInt(ALPHABET.length()));
            if (Character.isHighSurrogate(c)) {
                text.append("\ud83d\ude00");
                json.append(rnd.nextBoolean() ? "\\ud83d\\ude00" : "\ud83d\ude00");
                continue;
            }
            text.append(c);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\t' -> json.append("\\t");
                case '/' -> json.append(rnd.nextBoolean() ? "\\/" : "/");
                default -> json.append(rnd.nextInt(6) == 0 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return new String[] {text.toString(), json.append('"').toString()};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void skipAndDecodeAgreeWithTheEncodingAtEveryAlignment(long seed) {
        Random rnd = new Random(seed);
        for (int round = 0; round < 2000; round++) {
            String[] s = randomString(rnd);
            String pad = " ".repeat(rnd.nextInt(9));
            byte[] encoded = s[1].getBytes(StandardCharsets.UTF_8);
            byte[] buf = (pad + s[1] + ",\"next\":\"x\\\"y\"}").getBytes(StandardCharsets.UTF_8);
            int start = pad.length();

            int end = JsonBytes.skipString(buf, start, buf.length);

            assertThat(end).as("end of %s", s[1]).isEqualTo(start + encoded.length);
            assertThat(JsonBytes.decodeString(buf, start, end)).isEqualTo(s[0]);
            byte[] out = new byte[end - start - 2];
            int n = JsonBytes.unescapeInto(buf, start + 1, end - 1, out);
            assertThat(new String(out, 0, n, StandardCharsets.UTF_8)).isEqualTo(s[0]);
        }
    }

    @Test
    void escapedJsonTextIsSkippedWholeAndUnescapedToTheInnerJson() {
        String inner = "[{\"id\":\"p1\",\"displayName\":\"Say \\\"hi\\\" C:\\\\temp\\\\\",\"result\":\"success\"}]";
        String column = "\"" + inner.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        byte[] buf = (column + ",\"Type\":\"SigninLogs\"}").getBytes(StandardCharsets.UTF_8);

        int end = JsonBytes.skipString(buf, 0, buf.length);

        assertThat(end).isEqualTo(column.length());
        assertThat(new String(JsonBytes.unescape(buf, 1, end - 1), StandardCharsets.UTF_8)).isEqualTo(inner);
    }

    @Test
    void stringThatNeverClosesIsASyntaxError() {
        byte[] buf = "\"abc\\\"defghijklmnop\\\\\\\"".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonBytes.skipString(buf, 0, buf.length))
                .isInstanceOf(JsonSyntaxError.class).hasMessageContaining("unterminated string");
    }
}

package io.aitmdefense.events.read.json;

import io.aitmdefense.events.read.row.Fields;
import io.aitmdefense.events.read.row.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filtering an array held as JSON text without unescaping it must keep exactly what unescaping and parsing keeps:
 * random arrays (keys in any order, repeated and blank results, nested values, quotes, backslashes and escapes in
 * strings, whitespace) are read once as JSON text and once as a plain array, and the kept rows compared.
 */
class EscapedJsonArrayTest {

    private static final Predicate<String> APPLIED =
            r -> !(r.equals("notApplied") || r.equals("notEnabled") || r.equals("reportOnlyNotApplied"));
    private static final String[] RESULTS = {"notApplied", "notEnabled", "reportOnlyNotApplied", "success", "failure",
            "reportOnlySuccess", ""};
    private static final String CHARS = "ab \"\\/\u00e9{}[]:,\n";

    private final StringBuilder json = new StringBuilder();
    private Random rnd;

    private void space() {
        if (rnd.nextInt(4) == 0) json.append(rnd.nextBoolean() ? " " : "\n ");
    }

    private void string(String s) {
        json.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '/' -> json.append(rnd.nextBoolean() ? "\\/" : "/");
                default -> json.append(c > 127 && rnd.nextBoolean() ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        json.append('"');
    }

    private String randomText() {
        StringBuilder s = new StringBuilder();
        for (int k = rnd.nextInt(12); k > 0; k--) s.append(CHARS.charAt(rnd.nextInt(CHARS.length())));
        return s.toString();
    }

    private void value(int depth) {
        switch (depth > 2 ? rnd.nextInt(3) : rnd.nextInt(6)) {
            case 0 -> string(randomText());
            case 1 -> json.append(rnd.nextInt(5) == 0 ? "null" : rnd.nextInt(5) == 0 ? "true" : String.valueOf(rnd.nextInt(1000) - 10));
            case 2 -> json.append("-1.5e3");
            case 3 -> {
                json.append('[');
                for (int k = rnd.nextInt(3); k > 0; k--) {
                    space();
                    value(depth + 1);
                    if (k > 1) json.append(',');
                }
                json.append(']');
            }
            default -> {
                json.append('{');
                for (int k = rnd.nextInt(3); k > 0; k--) {
                    space();
                    string(randomText());
                    json.append(':');
                    value(depth + 1);
                    if (k > 1) json.append(',');
                }
                json.append('}');
            }
        }
    }

    private String randomArray() {
        json.setLength(0);
        json.append('[');
        for (int e = rnd.nextInt(6); e > 0; e--) {
            space();
            json.append('{');
            int keys = rnd.nextInt(6);
            for (int k = 0; k < keys; k++) {
                space();
                int pick = rnd.nextInt(7);
                switch (pick) {
                    case 0, 1 -> string(rnd.nextInt(4) == 0 ? "Result" : "result");
                    case 2 -> string("id");
                    case 3 -> string("displayName");
                    case 4 -> string("enforcedGrantControls");
                    default -> string(randomText());
                }
                space();
                json.append(':');
                space();
                if (pick <= 1 && rnd.nextInt(6) != 0) {
                    if (rnd.nextInt(8) == 0) json.append("null");
                    else string(RESULTS[rnd.nextInt(RESULTS.length)]);
                } else if (pick == 4) {
                    json.append("[\"Mfa\",\"Block\"]");
                } else {
                    value(0);
                }
                if (k < keys - 1) json.append(',');
            }
            space();
            json.append('}');
            if (e > 1) json.append(',');
        }
        json.append(']');
        return json.toString();
    }

    /** JSON text of {@code inner} as a string value; sometimes with a backslash-u escape at the outer level. */
    private String asJsonText(String inner) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : inner.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '/' -> out.append(rnd.nextInt(4) == 0 ? "\\/" : "/");
                default -> out.append(c > 127 && rnd.nextInt(3) == 0 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** What filtering the column gives: each kept row's texts, or the syntax error. */
    private static List<String> kept(String column) {
        byte[] row = ("{\"conditionalAccessPolicies\":" + column + "}").getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        try {
            for (Row r : JsonRow.parse(row).objectsWhere(Fields.CA_POLICIES, Fields.RESULT, APPLIED)) {
                out.add(r.text(Fields.ID) + "|" + r.text(Fields.DISPLAY_NAME) + "|" + r.text(Fields.RESULT) + "|"
                        + r.strings(Fields.ENFORCED_GRANT) + "|" + r.names());
            }
        } catch (JsonSyntaxError e) {
            out.add("error");
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void keepsWhatUnescapingAndParsingKeeps(long seed) {
        rnd = new Random(seed);
        int fast = 0;
        for (int round = 0; round < 1500; round++) {
            String array = randomArray();
            if (rnd.nextInt(20) == 0) array = array.substring(0, 1 + rnd.nextInt(array.length() - 1)); // cut short
            String text = asJsonText(array);

            assertThat(kept(text)).as("as JSON text: %s", text).isEqualTo(kept(array));
            byte[] escaped = text.getBytes(StandardCharsets.UTF_8);
            if (EscapedJsonArray.filter(escaped, 1, escaped.length - 1, Fields.RESULT, APPLIED) != null) fast++;
        }
        assertThat(fast).as("the fast path decides most arrays").isGreaterThan(750);
    }

    @Test
    void innerEscapedQuotesAndBackslashesDoNotEndAString() {
        String array = "[{\"displayName\":\"a \\\"quoted\\\" \\\\ name \\\\\",\"result\":\"success\",\"id\":\"p1\"},"
                + "{\"result\":\"notApplied\",\"displayName\":\"}] \\\\\\\"\"}]";
        rnd = new Random(1);
        String text = "\"" + array.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        byte[] escaped = text.getBytes(StandardCharsets.UTF_8);

        List<Row> rows = EscapedJsonArray.filter(escaped, 1, escaped.length - 1, Fields.RESULT, APPLIED);

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.text(Fields.ID)).isEqualTo("p1");
            assertThat(r.text(Fields.DISPLAY_NAME)).isEqualTo("a \"quoted\" \\ name \\");
        });
    }

    @Test
    void backslashUAtTheOuterLevelIsLeftToTheGeneralPath() {
        byte[] escaped = "[{\\u0022result\\\":\\\"success\\\"}]".getBytes(StandardCharsets.UTF_8);

        assertThat(EscapedJsonArray.filter(escaped, 0, escaped.length, Fields.RESULT, APPLIED)).isNull();
    }
}

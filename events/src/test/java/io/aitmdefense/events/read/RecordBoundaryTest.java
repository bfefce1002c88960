package io.aitmdefense.events.read;

import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records are found wherever they fall: across read-chunk boundaries, longer than a chunk, one per line or
 * pretty-printed, with CRLF line ends, in arrays written one element per line. Every record keeps its line.
 */
class RecordBoundaryTest {

    /** A sign-in whose size varies with {@code padding} (a long CA policy list, as real records have). */
    private static String signIn(int n, int padding) {
        StringBuilder ca = new StringBuilder("[");
        for (int i = 0; i < padding; i++) {
            if (i > 0) ca.append(',');
            ca.append("{\"id\":\"").append(i).append("\",\"displayName\":\"Policy ").append(i).append(" \\\"quoted\\\" {not a brace}\",\"result\":\"notApplied\"}");
        }
        ca.append(']');
        return "{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"2025-03-04T09:00:00Z\",\"Id\":\"row-" + n + "\",\"UserPrincipalName\":\"u" + n
                + "@contoso.example\",\"IPAddress\":\"203.0.113.7\",\"AppId\":\"app\",\"ConditionalAccessPolicies\":" + ca + "}";
    }

    private static List<String> records(long seed, int count) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int padding = random.nextInt(50) == 0 ? 6000 + random.nextInt(2000) : random.nextInt(80);
            out.add(signIn(i, padding));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void ndjsonAcrossChunksAndLongerThanAChunkKeepsEveryRecordAndLine(String newline, @TempDir Path dir) {
        List<String> recs = records(7, 400);
        recs.set(200, signIn(200, 40_000)); // ~3 MB: longer than one read chunk
        Reading r = Reading.text(dir, "big.json", String.join(newline, recs) + newline);

        assertThat(r.file().rejected()).isZero();
        assertThat(r.signIns()).hasSize(400);
        for (int i = 0; i < 400; i++) {
            SignIn s = r.signIns().get(i);
            assertThat(s.id()).hasToString("row-" + i);
            assertThat(s.source().line()).isEqualTo(i + 1);
        }
    }

    @Test
    void prettyPrintedArrayAcrossChunksKeepsEveryRecordAndItsOpeningLine(@TempDir Path dir) {
        List<String> recs = records(11, 300);
        recs.set(150, signIn(150, 40_000));
        StringBuilder b = new StringBuilder("[\n");
        List<Long> lines = new ArrayList<>();
        long line = 2;
        for (int i = 0; i < recs.size(); i++) {
            // pretty-print: one property per line
            String pretty = "  " + recs.get(i).replace(",\"", ",\n    \"");
            lines.add(line);
            line += pretty.chars().filter(c -> c == '\n').count() + 1;
            b.append(pretty).append(i + 1 < recs.size() ? ",\n" : "\n");
        }
        b.append("]\n");
        Reading r = Reading.text(dir, "big.json", b.toString());

        assertThat(r.file().rejected()).isZero();
        assertThat(r.signIns()).hasSize(300);
        assertThat(r.signIns()).extracting(s -> s.source().line()).containsExactlyElementsOf(lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void arrayWrittenOneElementPerLineIsReadLineByLine(String nl, @TempDir Path dir) {
        String text = "[" + nl + signIn(0, 1) + "," + nl + signIn(1, 2) + "," + nl + signIn(2, 3) + nl + "]" + nl;
        Reading r = Reading.text(dir, "rows.json", text);

        assertThat(r.file().rejected()).isZero();
        assertThat(r.signIns()).extracting(s -> s.source().line()).containsExactly(2L, 3L, 4L);
    }

    @Test
    void arrayOnOneLineWithTheClosingBracketOnTheLastElementsLine(@TempDir Path dir) {
        String text = "[" + signIn(0, 1) + ",\n" + signIn(1, 2) + "]";
        Reading r = Reading.text(dir, "rows.json", text);

        assertThat(r.file().rejected()).isZero();
        assertThat(r.signIns()).hasSize(2);
    }

    @Test
    void graphPageLargerThanAChunkIsExpandedCompletely(@TempDir Path dir) {
        List<String> recs = records(3, 200);
        String page = "{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#auditLogs/signIns\",\"value\":["
                + String.join(",", recs).replace("\"Type\":\"SigninLogs\",", "") + "],\"@odata.nextLink\":\"https://graph.microsoft.com/beta/auditLogs/signIns?$skiptoken=x\"}";
        Reading r = Reading.text(dir, "page.json", page + "\n" + page.replace("row-", "second-") + "\n");

        assertThat(r.file().rejected()).isZero();
        assertThat(r.signIns()).hasSize(400);
        assertThat(r.signIns().get(399).id()).hasToString("second-199");
        assertThat(r.signIns().get(399).source().line()).isEqualTo(2);
    }

    @Test
    void csvWithMultiLineCellsAcrossBufferBoundariesKeepsRowsAndLines(@TempDir Path dir) {
        StringBuilder b = new StringBuilder("TimeGenerated [UTC],Type,Operation,UserId,OfficeWorkload,RecordType,Parameters\r\n");
        Random random = new Random(5);
        List<Long> lines = new ArrayList<>();
        long line = 2;
        for (int i = 0; i < 500; i++) {
            int params = random.nextInt(60);
            StringBuilder p = new StringBuilder("\"[\r\n");
            for (int k = 0; k < params; k++) p.append("  {\r\n    \"\"Name\"\": \"\"P").append(k).append("\"\",\r\n    \"\"Value\"\": \"\"x, y\"\"\r\n  },\r\n");
            p.append("  {\"\"Name\"\": \"\"Name\"\", \"\"Value\"\": \"\"rule ").append(i).append("\"\"}\r\n]\"");
            lines.add(line);
            line += 3 + 4L * params;
            b.append("\"4/28/2021, 2:33:14.000 PM\",OfficeActivity,New-InboxRule,a@contoso.example,Exchange,ExchangeAdmin,").append(p).append("\r\n");
        }
        Reading r = Reading.text(dir, "rules.csv", b.toString());

        assertThat(r.file().rejected()).isZero();
        assertThat(r.office()).hasSize(500);
        assertThat(r.office()).extracting(o -> o.source().line()).containsExactlyElementsOf(lines);
        assertThat(r.office().get(499).artifact()).get().asString().contains("name=rule 499");
    }
}

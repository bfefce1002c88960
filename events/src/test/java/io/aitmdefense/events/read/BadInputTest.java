package io.aitmdefense.events.read;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.aitmdefense.events.read.Reading.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never stops the run and never silently disappears (DESIGN §5): rows are counted and reported as
 * {@code file:line: reason}, the rest is read; a file that is not a log gets one clear error.
 */
class BadInputTest {
    private static final String GOOD = "{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"2025-02-17T08:35:37Z\",\"UserPrincipalName\":\"jane@contoso.example\","
            + "\"IPAddress\":\"203.0.113.10\",\"AppId\":\"4765445b-32c6-49b0-83e6-1d93765276ca\",\"Status\":{\"errorCode\":0}}";

    @Test
    void malformedNdjsonLineIsRejectedWithItsLineAndTheRestIsRead(@TempDir Path dir) {
        Reading r = Reading.text(dir, "signins.json", GOOD + "\n" + "{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"2025-02-17T08:36:00Z\" \"x\":1}\n"
                + GOOD.replace("08:35:37", "08:37:00") + "\n");

        assertThat(r.signIns()).hasSize(2);
        assertThat(r.file().rejected()).isEqualTo(1);
        assertThat(r.rejections()).singleElement().asString()
                .startsWith(dir.resolve("signins.json") + ":2: malformed JSON");
        assertThat(r.signIns()).extracting(s -> s.source().line()).containsExactly(1L, 3L);
    }

    @Test
    void rowWithAnUnreadableTimestampIsRejectedNamingTheValue(@TempDir Path dir) {
        Reading r = Reading.text(dir, "signins.json", GOOD + "\n" + GOOD.replace("2025-02-17T08:35:37Z", "yesterday") + "\n");

        assertThat(r.signIns()).hasSize(1);
        assertThat(r.rejections()).singleElement().asString().endsWith(":2: unreadable timestamp 'yesterday'");
    }

    @Test
    void malformedCsvRowIsRejectedAndTheFollowingRowsAreRead(@TempDir Path dir) {
        String csv = "TimeGenerated [UTC],Type,Operation,UserId,OfficeWorkload,RecordType\n"
                + "\"4/28/2021, 2:33:14.000 PM\",OfficeActivity,Send,a@contoso.example,Exchange,ExchangeItem\n"
                + "\"13/45/2021, 2:33:14.000 PM\",OfficeActivity,Send,a@contoso.example,Exchange,ExchangeItem\n"
                + "garbage\n"
                + "\"4/28/2021, 2:35:00.000 PM\",OfficeActivity,MoveToDeletedItems,a@contoso.example,Exchange,ExchangeItemGroup\n";
        Reading r = Reading.text(dir, "office.csv", csv);

        assertThat(r.office()).extracting(o -> o.source().line()).containsExactly(2L, 5L);
        assertThat(r.file().rejected()).isEqualTo(2);
        assertThat(r.rejections()).hasSize(2);
        assertThat(r.rejections().get(0)).contains("office.csv:3: ").contains("13/45/2021");
        assertThat(r.rejections().get(1)).contains("office.csv:4: ");
    }

    @Test
    void truncatedNdjsonRejectsOnlyTheCutLastRecord(@TempDir Path dir) {
        String text = GOOD + "\n" + GOOD + "\n" + GOOD.substring(0, GOOD.length() - 30);
        Reading r = Reading.text(dir, "cut.json", text);

        assertThat(r.signIns()).hasSize(2);
        assertThat(r.rejections()).singleElement().asString().contains("cut.json:3: ");
    }

    @Test
    void truncatedPrettyJsonArrayKeepsTheRecordsBeforeTheCut(@TempDir Path dir) throws IOException {
        String full = Files.readString(fixture("la-signinlogs.json"));
        Reading r = Reading.text(dir, "cut.json", full.substring(0, full.length() - 200));

        assertThat(r.signIns()).hasSize(1);
        assertThat(r.file().rejected()).isEqualTo(1);
        assertThat(r.rejections()).singleElement().asString().contains("cut.json:60: ").contains("truncated");
    }

    @Test
    void truncatedCsvWithAnOpenQuotedCellKeepsTheRowsBeforeIt(@TempDir Path dir) throws IOException {
        String full = Files.readString(fixture("portal-signinlogs.csv"));
        Reading r = Reading.text(dir, "cut.csv", full.substring(0, full.indexOf("HQ")));

        assertThat(r.signIns()).hasSize(1);
        assertThat(r.rejections()).singleElement().asString().contains("cut.csv:").contains("never closes");
    }

    @Test
    void truncatedGzipKeepsTheRowsBeforeTheCut(@TempDir Path dir) throws IOException {
        byte[] gz = EncodingAndContainerTest.gzip(Files.readAllBytes(fixture("ual-management-api.ndjson")));
        Reading r = Reading.of(Reading.write(dir, "ual.json.gz", Arrays.copyOf(gz, gz.length - 40)));

        assertThat(r.events()).isNotEmpty();
        assertThat(r.file().error()).isEmpty();
        assertThat(r.rejections()).anySatisfy(x -> assertThat(x).contains("ual.json.gz: the gzip data ends unexpectedly"));
    }

    @Test
    void jsonOfAnUnknownShapeIsOneClearErrorNotAGraphPage(@TempDir Path dir) {
        Reading r = Reading.text(dir, "package.json", "{\n  \"name\": \"aitm\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {}\n}\n");

        assertThat(r.events()).isEmpty();
        assertThat(r.file().shape()).isEqualTo("not a log");
        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().error()).get().asString().startsWith("not a log this tool reads")
                .contains("line 1").contains("name, version, dependencies");
    }

    @Test
    void unknownRecordsAmongKnownOnesAreRejectedOneByOne(@TempDir Path dir) {
        Reading r = Reading.text(dir, "mixed.json", GOOD + "\n{\"foo\":1,\"bar\":[1,2]}\n" + GOOD + "\n");

        assertThat(r.signIns()).hasSize(2);
        assertThat(r.rejections()).singleElement().asString().contains("mixed.json:2: unrecognised record (fields: foo, bar)");
    }

    @Test
    void rowsOfLogAnalyticsTablesThatAreNotReadAreSkippedWithTheTableName(@TempDir Path dir) {
        Reading r = Reading.text(dir, "union.json", GOOD + "\n{\"TimeGenerated\":\"2025-02-17T08:40:00Z\",\"Type\":\"AzureActivity\","
                + "\"OperationNameValue\":\"MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE\"}\n");

        assertThat(r.signIns()).hasSize(1);
        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().skipReasons()).singleElement().asString().contains("Log Analytics table 'AzureActivity' is not used");
    }

    @Test
    void csvRowCutShortOrShiftedByAnUnquotedCommaIsRejectedNotMisread(@TempDir Path dir) {
        String csv = "TimeGenerated [UTC],Type,Operation,UserId,OfficeWorkload,ClientIP\n"
                + "\"4/28/2021, 2:33:14.000 PM\",OfficeActivity,Send,a@contoso.example,Exchange,203.0.113.10\n"
                + "\"4/28/2021, 2:34:14.000 PM\",OfficeActivity,Send,Adele, Vance,Exchange,203.0.113.11\n"
                + "\"4/28/2021, 2:35:14.000 PM\",OfficeActivity,Send,a@contoso.example,Exchange,203.0.113.12,,\n"
                + "\"4/28/2021, 2:36:14.000 PM\",OfficeActivity,Send";
        Reading r = Reading.text(dir, "cut.csv", csv);

        assertThat(r.office()).extracting(o -> o.ip()).containsExactly("203.0.113.10", "203.0.113.12");
        assertThat(r.rejections()).hasSize(2);
        assertThat(r.rejections().get(0)).contains("cut.csv:3: row has 7 columns but the header has 6");
        assertThat(r.rejections().get(1)).contains("cut.csv:5: row has 3 of 6 columns");
    }

    @Test
    void binaryFileIsOneClearError(@TempDir Path dir) {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
        Reading r = Reading.of(Reading.write(dir, "logo.png", png));

        assertThat(r.events()).isEmpty();
        assertThat(r.file().error()).get().asString().startsWith("not a log");
        assertThat(r.file().rejected()).isZero();
    }

    @Test
    void zipArchiveIsOneClearErrorNamingWhatItIs(@TempDir Path dir) {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        Reading r = Reading.of(Reading.write(dir, "export.zip", zip));

        assertThat(r.file().error()).get().asString().startsWith("not a log").contains("zip");
    }

    @Test
    void textThatIsNotALogIsOneClearError(@TempDir Path dir) {
        Reading r = Reading.text(dir, "notes.md", "# Incident notes\n\nJane clicked the link at 09:12.\n");

        assertThat(r.events()).isEmpty();
        assertThat(r.file().error()).get().asString().startsWith("not a log").contains("# Incident notes");
        assertThat(r.file().shape()).isEqualTo("not a log");
    }

    @Test
    void ansiCodePageTextFromExcelIsTranscodedNotMangled(@TempDir Path dir) {
        String csv = "TimeGenerated [UTC],Type,Operation,UserId,OfficeWorkload,Parameters\r\n"
                + "\"4/28/2021, 2:33:14.000 PM\",OfficeActivity,New-InboxRule,zo\u00eb@contoso.example,Exchange,"
                + "\"[{\"\"Name\"\":\"\"Name\"\",\"\"Value\"\":\"\"R\u00e9sum\u00e9 \u20ac\"\"}]\"\r\n";
        Reading r = Reading.of(Reading.write(dir, "excel.csv", csv.getBytes(java.nio.charset.Charset.forName("windows-1252"))));

        assertThat(r.file().encoding()).isEqualTo("Windows-1252 (not valid UTF-8)");
        assertThat(r.officeActivity().user()).isEqualTo("zo\u00eb@contoso.example");
        assertThat(r.officeActivity().artifact()).get().asString().contains("name=R\u00e9sum\u00e9 \u20ac");
        assertThat(r.file().rejected()).isZero();
    }

    @Test
    void oddLengthUtf16IsReportedNotSilentlyCut(@TempDir Path dir) {
        byte[] utf16 = EncodingAndContainerTest.concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, (GOOD + "\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_16LE));
        Reading r = Reading.of(Reading.write(dir, "odd.json", Arrays.copyOf(utf16, utf16.length - 1)));

        assertThat(r.signIns()).hasSize(2);
        assertThat(r.rejections()).singleElement().asString().contains("odd.json: the text ends in the middle of a character");
    }

    @Test
    void emptyAndBlankFilesAreOneClearError(@TempDir Path dir) {
        Reading.write(dir, "empty.json", new byte[0]);
        Reading.write(dir, "blank.csv", "\r\n  \n");
        Reading r = Reading.of(dir);

        assertThat(r.report().files()).allSatisfy(f -> assertThat(f.error()).contains("empty file"));
    }

    @Test
    void headerOnlyCsvIsReadAsEmptyWithoutError(@TempDir Path dir) {
        Reading r = Reading.text(dir, "none.csv", "TimeGenerated [UTC],Type,Operation,UserId\n");

        assertThat(r.file().error()).isEmpty();
        assertThat(r.events()).isEmpty();
    }

    @Test
    void missingInputIsReportedAndTheOtherInputsAreRead(@TempDir Path dir) {
        Reading r = Reading.of(dir.resolve("nope.json"), fixture("la-signinlogs.json"));

        assertThat(r.report().files()).hasSize(2);
        assertThat(r.report().files().get(0).error()).contains("no such file or folder");
        assertThat(r.signIns()).hasSize(2);
    }

    @Test
    void badFilesInAFolderNeverStopTheRest(@TempDir Path dir) throws IOException {
        Reading.write(dir, "1-binary.bin", new byte[] {0, 1, 2, 3, 4, 5});
        Reading.write(dir, "2-empty.json", new byte[0]);
        Files.copy(fixture("la-signinlogs.json"), dir.resolve("3-good.json"));
        Reading.write(dir, "4-notes.txt", "hello\nworld\n");
        Reading.write(dir, "5-cut.json", "[{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"2025-");
        Files.copy(fixture("eh-batches.ndjson"), dir.resolve("6-good.json"));

        Reading r = Reading.of(dir);

        assertThat(r.report().files()).hasSize(6);
        assertThat(r.signIns()).hasSize(2 + 3);
        assertThat(r.report().failedFiles()).isEqualTo(3);
        assertThat(r.report().rejected()).isEqualTo(1);
    }
}

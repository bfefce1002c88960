package io.aitmdefense.events.read;

import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static io.aitmdefense.events.read.Reading.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** gzip, folders and text encodings are read transparently; the shape comes from content, never the file name. */
class EncodingAndContainerTest {

    @ParameterizedTest
    @ValueSource(strings = {"la-signinlogs.json", "la-noninteractive.ndjson", "eh-batches.ndjson", "graph-signins-v1.json",
            "portal-signinlogs.csv", "purview-audit-export.csv", "ual-management-api.ndjson"})
    void gzipOfAnyShapeGivesTheSameEventsAsThePlainFile(String name, @TempDir Path dir) throws IOException {
        Reading plain = Reading.of(fixture(name));
        Reading zipped = Reading.of(Reading.write(dir, "export.bin", gzip(Files.readAllBytes(fixture(name)))));

        assertThat(zipped.file().encoding()).startsWith("gzip, ");
        assertThat(zipped.file().rejected()).isZero();
        assertThat(zipped.events()).isNotEmpty();
        assertThat(withoutSource(zipped)).isEqualTo(withoutSource(plain));
    }

    @Test
    void utf16LittleEndianWithBomIsTranscoded(@TempDir Path dir) throws IOException {
        assertSameSignIns(dir, bom(StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}), "UTF-16LE");
    }

    @Test
    void utf16BigEndianWithBomIsTranscoded(@TempDir Path dir) throws IOException {
        assertSameSignIns(dir, bom(StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}), "UTF-16BE");
    }

    @Test
    void utf16WithoutBomIsRecognisedFromItsZeroBytes(@TempDir Path dir) throws IOException {
        assertSameSignIns(dir, bom(StandardCharsets.UTF_16LE, new byte[0]), "UTF-16LE (no BOM)");
    }

    @Test
    void gzippedUtf16CsvWithBomIsRead(@TempDir Path dir) throws IOException {
        String csv = Files.readString(fixture("portal-signinlogs.csv"), StandardCharsets.UTF_8);
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, csv.replace("\uFEFF", "").getBytes(StandardCharsets.UTF_16LE));
        Reading r = Reading.of(Reading.write(dir, "signins.csv.gz", gzip(utf16)));

        assertThat(r.file().encoding()).isEqualTo("gzip, UTF-16LE");
        assertThat(r.signIns()).hasSize(2);
        assertThat(r.signIns().get(1).source().line()).isEqualTo(16);
        assertThat(r.file().rejected()).isZero();
    }

    @Test
    void nonAsciiTextSurvivesEveryEncoding(@TempDir Path dir) {
        String row = "{\"Type\":\"SigninLogs\",\"CreatedDateTime\":\"2025-01-15 14:20:35.456\",\"UserPrincipalName\":\"zoë.müller@contoso.example\","
                + "\"IPAddress\":\"203.0.113.5\",\"AppId\":\"a\",\"LocationDetails\":{\"city\":\"Zürich\",\"countryOrRegion\":\"CH\"},"
                + "\"UserDisplayName\":\"Zoë 😀\"}\n";
        for (Charset cs : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            byte[] b = cs == StandardCharsets.UTF_8 ? row.getBytes(cs)
                    : concat(cs == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[] {(byte) 0xFE, (byte) 0xFF},
                    row.getBytes(cs));
            SignIn s = Reading.of(Reading.write(dir, cs.name() + ".json", b)).signIn();
            assertThat(s.user()).as(cs.name()).isEqualTo("zoë.müller@contoso.example");
            assertThat(s.geo().city()).as(cs.name()).isEqualTo("Zürich");
            assertThat(s.time()).isEqualTo(java.time.Instant.parse("2025-01-15T14:20:35.456Z"));
        }
    }

    @Test
    void foldersAreReadRecursivelyInNameOrderSkippingHiddenFiles(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b/deeper"));
        Files.copy(fixture("la-noninteractive.ndjson"), dir.resolve("b/deeper/nonint.log"));
        Files.copy(fixture("la-signinlogs.json"), dir.resolve("a.txt"));
        Reading.write(dir, "b/.DS_Store", new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1'});
        Reading.write(dir, ".git/objects/ab/cdef", new byte[] {0x78, 0x01, 0x2b, 0x49});
        Reading.write(dir, "b/eh.dat", gzip(Files.readAllBytes(fixture("eh-batches.ndjson"))));

        Reading r = Reading.of(dir);

        assertThat(r.report().files()).extracting(f -> dir.relativize(Path.of(f.file())).toString().replace('\\', '/'))
                .containsExactly("a.txt", "b/deeper/nonint.log", "b/eh.dat");
        assertThat(r.report().failedFiles()).isZero();
        assertThat(r.signIns()).hasSize(2 + 2 + 3);
    }

    @Test
    void symlinkedFilesInAFolderAreRead(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("in"));
        Files.createSymbolicLink(dir.resolve("in/linked.json"), fixture("la-signinlogs.json"));

        assertThat(Reading.of(dir.resolve("in")).signIns()).hasSize(2);
    }

    private void assertSameSignIns(Path dir, byte[] bytes, String encoding) throws IOException {
        Reading r = Reading.of(Reading.write(dir, "signins.json", bytes));
        assertThat(r.file().encoding()).isEqualTo(encoding);
        assertThat(r.file().rejected()).isZero();
        assertThat(withoutSource(r)).isEqualTo(withoutSource(Reading.of(fixture("la-noninteractive.ndjson"))));
    }

    private static byte[] bom(Charset cs, byte[] bom) throws IOException {
        return concat(bom, Files.readString(fixture("la-noninteractive.ndjson")).getBytes(cs));
    }

    /** Events compared without the file name (the line must match). */
    private static java.util.List<String> withoutSource(Reading r) {
        return r.events().stream().map(e -> e.toString().replaceAll("source=[^,]*:(\\d+)", "source=$1")).toList();
    }

    static byte[] gzip(byte[] b) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(b);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

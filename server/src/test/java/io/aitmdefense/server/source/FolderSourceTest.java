package io.aitmdefense.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.events.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class FolderSourceTest {
    static final Path EXPORT = Path.of("examples/tenant-contoso/logs/eh/insights-logs-signinlogs/2026-01-08.json.gz");

    @TempDir
    Path inbox;
    List<String> lines;

    /** The example tenant's first Event Hubs sign-in file, one envelope per line (NDJSON), as a SIEM would append. */
    @BeforeEach
    void lines() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode envelope;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(EXPORT))) {
            envelope = json.readTree(in);
        }
        lines = new ArrayList<>();
        for (JsonNode r : envelope.get("records")) lines.add("{\"records\":[" + json.writeValueAsString(r) + "]}");
        assertThat(lines).hasSizeGreaterThan(20);
    }

    @Test
    void aFileIsReadOnceItHasSettledAndAnAppendedFileOnlyForItsNewRecords() throws IOException {
        FolderSource source = new FolderSource(inbox, Clock.systemUTC());
        Path file = inbox.resolve("signins.ndjson");
        write(file, lines.subList(0, 10), 1_000);
        List<Event> got = new ArrayList<>();

        assertThat(source.poll(got::add)).as("first sight: the copy may still be in progress").isZero();
        assertThat(source.poll(got::add)).isEqualTo(10);
        assertThat(source.poll(got::add)).as("nothing new").isZero();

        append(file, lines.subList(10, 15), 2_000);
        assertThat(source.poll(got::add)).as("grown, not settled yet").isZero();
        assertThat(source.poll(got::add)).isEqualTo(5);
        assertThat(got.subList(0, 10)).extracting(e -> e.source().line()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L,
                6L, 7L, 8L, 9L, 10L);
        assertThat(got.subList(10, 15)).extracting(e -> e.source().line()).containsExactlyInAnyOrder(11L, 12L, 13L, 14L, 15L);
        assertThat(got.subList(0, 10)).isSortedAccordingTo(java.util.Comparator.comparing(Event::time));
        assertThat(got.subList(10, 15)).isSortedAccordingTo(java.util.Comparator.comparing(Event::time));
        assertThat(source.status().delivered()).isEqualTo(15);
        assertThat(source.status().newestEvent()).isPresent();
    }

    @Test
    void filesThatSettleTogetherAreDeliveredInEventTimeOrderAcrossFiles() throws IOException {
        FolderSource source = new FolderSource(inbox, Clock.systemUTC());
        // the later half lands under a name sorting first: read file by file, its hours would run ahead of the rest
        write(inbox.resolve("a-later.ndjson"), lines.subList(lines.size() / 2, lines.size()), 1_000);
        write(inbox.resolve("b-earlier.ndjson"), lines.subList(0, lines.size() / 2), 1_000);
        List<Event> got = new ArrayList<>();
        source.poll(got::add);
        assertThat(source.poll(got::add)).isEqualTo(lines.size());
        assertThat(got).isSortedAccordingTo(java.util.Comparator.comparing(Event::time));
        assertThat(got.get(0).source().file()).endsWith("b-earlier.ndjson");
    }

    @Test
    void aRestoredSourceResumesWhereItsPositionSaysWithoutDeliveringAgain() throws IOException {
        FolderSource first = new FolderSource(inbox, Clock.systemUTC());
        Path file = inbox.resolve("signins.ndjson");
        write(file, lines.subList(0, 10), 1_000);
        List<Event> got = new ArrayList<>();
        first.poll(got::add);
        first.poll(got::add);
        String position = first.position();

        append(file, lines.subList(10, 12), 2_000);
        FolderSource restarted = new FolderSource(inbox, Clock.systemUTC());
        restarted.restore(position);
        List<Event> after = new ArrayList<>();
        restarted.poll(after::add);
        restarted.poll(after::add);
        assertThat(got).hasSize(10);
        assertThat(after).extracting(e -> e.source().line()).containsExactly(11L, 12L);
    }

    @Test
    void aReplacedFileIsReadWholeAndANonLogIsReportedNotFatal() throws IOException {
        FolderSource source = new FolderSource(inbox, Clock.systemUTC());
        Path file = inbox.resolve("signins.ndjson");
        write(file, lines.subList(0, 10), 1_000);
        source.poll(e -> { });
        source.poll(e -> { });
        write(file, lines.subList(20, 23), 3_000);
        Files.writeString(inbox.resolve("notes.txt"), "\u0001\u0002 binary junk");
        List<Event> got = new ArrayList<>();
        source.poll(got::add);
        source.poll(got::add);
        assertThat(got).hasSize(3);
        assertThat(source.status().lastError()).hasValueSatisfying(m -> assertThat(m).contains("notes.txt"));
    }

    private static void write(Path file, List<String> records, long mtime) throws IOException {
        Files.write(file, records);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }

    private static void append(Path file, List<String> records, long mtime) throws IOException {
        Files.write(file, records, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }
}

package io.aitmdefense.server.source;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.read.FileSummary;
import io.aitmdefense.events.read.LogReader;
import io.aitmdefense.events.read.Progress;
import io.aitmdefense.events.read.ReadReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The simplest live source: a folder where exports land (copied, synced or appended to). Every shape the readers know
 * is accepted, gzip too. A file is read once it has settled — the same size and modification time on two polls — so a
 * copy in progress is never read half-way. A file that grows afterwards (an NDJSON export appended to) is read again
 * and only its records beyond those already delivered are passed on; a file that shrinks was replaced and is read
 * whole. The new records of every file read in one poll are delivered together in event-time order: exports that land
 * together (a day of sign-ins beside a day of audits, several days at once after an outage) reach the engine in
 * the order the allowed lateness expects, instead of one file's late hours being dropped behind another's.
 */
public final class FolderSource implements LiveSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<Event> FILE_ORDER = Comparator
            .comparingLong((Event e) -> e.source().line())
            .thenComparing(Event::time);

    private final Path folder;
    private final Clock clock;
    /** Per file: what was read, so a grown file is read from where it stopped. */
    private final Map<String, FileMark> read = new TreeMap<>();
    /** Per file: size and mtime seen on the last poll, to tell a settled file from one being written. */
    private final Map<String, FileMark> seen = new TreeMap<>();
    private final Delivery delivery = new Delivery();
    private Instant lastPoll;
    private String lastError;
    private String errorThisPoll;

    /** Size, modification time and records delivered of one file. */
    record FileMark(long size, long modified, long records) {
    }

    public FolderSource(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "folder:" + folder.toAbsolutePath().normalize();
    }

    @Override
    public int poll(Consumer<Event> out) throws IOException {
        lastPoll = clock.instant();
        if (!Files.isDirectory(folder)) {
            lastError = "no such folder: " + folder;
            return 0;
        }
        errorThisPoll = null;
        List<Event> fresh = new ArrayList<>();
        Map<String, FileMark> marks = new TreeMap<>();
        for (Path file : LogReader.expand(List.of(folder))) {
            String key = folder.relativize(file).toString();
            FileMark now;
            try {
                now = new FileMark(Files.size(file), Files.getLastModifiedTime(file).toMillis(), 0);
            } catch (IOException e) {
                continue; // removed between listing and looking: nothing to read
            }
            FileMark before = seen.put(key, now);
            FileMark done = read.get(key);
            boolean settled = before != null && before.size() == now.size() && before.modified() == now.modified();
            boolean changed = done == null || done.size() != now.size() || done.modified() != now.modified();
            if (settled && changed) marks.put(key, readFile(file, now, done, fresh));
        }
        fresh.sort(Comparator.comparing(Event::time)); // stable: one file's records keep their order within a time
        for (Event e : fresh) delivery.event(e, out);
        read.putAll(marks);
        int n = fresh.size();
        // an error stays visible until a poll delivers without one
        if (errorThisPoll != null) lastError = errorThisPoll;
        else if (n > 0) lastError = null;
        return n;
    }

    /** Adds the file's records not delivered before to {@code fresh}; returns the file's new mark. */
    private FileMark readFile(Path file, FileMark now, FileMark done, List<Event> fresh) throws IOException {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        ReadReport report = new LogReader(1).read(List.of(file), events::add, Progress.NONE);
        for (FileSummary s : report.files()) {
            delivery.rejected(s.rejected());
            if (s.error().isPresent()) errorThisPoll = file + ": " + s.error().get();
        }
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(FILE_ORDER);
        // grown: the first records are the ones delivered before; shrunk or rewritten: everything is new
        long skip = done != null && now.size() > done.size() ? done.records() : 0;
        fresh.addAll(ordered.subList((int) Math.min(skip, ordered.size()), ordered.size()));
        return new FileMark(now.size(), now.modified(), ordered.size());
    }

    @Override
    public String position() {
        try {
            return JSON.writeValueAsString(read);
        } catch (IOException e) {
            throw new IllegalStateException("a map of records cannot fail to serialise", e);
        }
    }

    @Override
    public void restore(String position) {
        try {
            read.clear();
            read.putAll(JSON.readValue(position, new TypeReference<Map<String, FileMark>>() { }));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a folder source position: " + e.getMessage(), e);
        }
    }

    @Override
    public SourceStatus status() {
        return delivery.status(name(), "folder", lastPoll, lastError);
    }
}

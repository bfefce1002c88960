package io.aitmdefense.events.read;

import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** What reading some inputs gave: the events in source order and the report. Test helper. */
record Reading(List<Event> events, ReadReport report) {

    static Reading of(Path... inputs) {
        return of(1, inputs);
    }

    static Reading of(int workers, Path... inputs) {
        List<Event> events = Collections.synchronizedList(new ArrayList<>());
        try {
            ReadReport report = new LogReader(workers).read(List.of(inputs), events::add, Progress.NONE);
            List<Event> sorted = new ArrayList<>(events);
            sorted.sort(Comparator.comparing((Event e) -> e.source().file()).thenComparingLong(e -> e.source().line()));
            return new Reading(List.copyOf(sorted), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code dir/name} and reads it. */
    static Reading text(Path dir, String name, String text) {
        return of(write(dir, name, text));
    }

    static Path write(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, bytes);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture under src/test/resources/logs. */
    static Path fixture(String name) {
        URL url = Reading.class.getResource("/logs/" + name);
        if (url == null) throw new IllegalArgumentException("no fixture " + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    FileSummary file() {
        if (report.files().size() != 1) throw new IllegalStateException("expected one file, got " + report.files());
        return report.files().get(0);
    }

    List<SignIn> signIns() {
        return eventsOf(SignIn.class);
    }

    List<DirectoryAudit> audits() {
        return eventsOf(DirectoryAudit.class);
    }

    List<RiskDetection> risks() {
        return eventsOf(RiskDetection.class);
    }

    List<OfficeActivity> office() {
        return eventsOf(OfficeActivity.class);
    }

    SignIn signIn() {
        return only(signIns());
    }

    DirectoryAudit audit() {
        return only(audits());
    }

    OfficeActivity officeActivity() {
        return only(office());
    }

    RiskDetection risk() {
        return only(risks());
    }

    OfficeActivity operation(String operation) {
        return only(office().stream().filter(o -> o.operation().equals(operation)).toList());
    }

    DirectoryAudit auditOperation(String operation) {
        return only(audits().stream().filter(a -> a.operation().equals(operation)).toList());
    }

    List<String> rejections() {
        return report.files().stream().flatMap(f -> f.firstRejections().stream()).map(Rejection::toString).toList();
    }

    private <T extends Event> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T> T only(List<T> list) {
        if (list.size() != 1) throw new AssertionError("expected exactly one, got " + list.size() + ": " + list);
        return list.get(0);
    }
}

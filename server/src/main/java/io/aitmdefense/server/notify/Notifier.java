package io.aitmdefense.server.notify;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.store.Suppressions;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends a notification to every target when an incident is created or its severity raised, unless every detection in
 * it is suppressed for its user (marked a false positive). Deliveries run one after another on their own thread, so
 * the pipeline never waits for a chat service. A 429 or 5xx answer, or no answer, is retried with backoff (a 429's
 * {@code Retry-After} first); other answers are final. Posting a message twice is harmless, so retrying is safe.
 * Failures are reported by target name and status, never with the URL.
 */
public final class Notifier implements Consumer<IncidentUpdate>, AutoCloseable {
    public static final int ATTEMPTS = 5;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final List<NotifyTarget> targets;
    private final String consoleUrl;
    private final Suppressions suppressions;
    private final HttpClient http;
    private final Pause pause;
    private final Consumer<String> log;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aitm-notify");
        t.setDaemon(true);
        return t;
    });

    public Notifier(List<NotifyTarget> targets, String consoleUrl, Suppressions suppressions, HttpClient http, Pause pause,
                    Consumer<String> log) {
        this.targets = List.copyOf(targets);
        this.consoleUrl = consoleUrl;
        this.suppressions = suppressions;
        this.http = http;
        this.pause = pause;
        this.log = log;
    }

    public Notifier(List<NotifyTarget> targets, String consoleUrl, Suppressions suppressions, Consumer<String> log) {
        this(targets, consoleUrl, suppressions, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                d -> Thread.sleep(d.toMillis()), log);
    }

    @Override
    public void accept(IncidentUpdate u) {
        Optional<String> event = u.changes().contains(IncidentUpdate.Change.CREATED) ? Optional.of(Notification.CREATED)
                : u.changes().contains(IncidentUpdate.Change.SEVERITY_RAISED) ? Optional.of(Notification.SEVERITY_RAISED)
                : Optional.empty();
        if (event.isEmpty() || targets.isEmpty() || suppressed(u.incident())) return;
        Notification n = Notification.of(event.get(), u.incident(), consoleUrl);
        for (NotifyTarget t : targets) sender.execute(() -> deliver(t, Payloads.of(t.channel(), n), n));
    }

    private boolean suppressed(Incident i) {
        for (Alert a : i.alerts()) {
            if (suppressions.matching(i.tenant(), i.userKey(), a.detectionId()).isEmpty()) return false;
        }
        return !i.alerts().isEmpty();
    }

    /** Posts until accepted, a final refusal, or {@link #ATTEMPTS} tries. */
    boolean deliver(NotifyTarget t, String body, Notification n) {
        Duration backoff = FIRST_BACKOFF;
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Duration> wait;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(t.url()).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status >= 200 && status < 300) return true;
                last = "HTTP " + status;
                if (status != 429 && status < 500) {
                    log.accept("notify " + t + ": " + n.incidentId() + " refused (" + last + "): " + clip(r.body()));
                    return false;
                }
                wait = r.headers().firstValue("Retry-After").flatMap(Notifier::seconds);
            } catch (IOException e) {
                last = e.getClass().getSimpleName(); // the message could hold the URL
                wait = Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (attempt == ATTEMPTS) break;
            Duration d = wait.orElse(backoff);
            try {
                pause.pause(d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            backoff = backoff.multipliedBy(2);
        }
        log.accept("notify " + t + ": " + n.incidentId() + " not delivered after " + ATTEMPTS + " attempts (" + last + ")");
        return false;
    }

    private static Optional<Duration> seconds(String v) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: the backoff will do
        }
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 200 ? one : one.substring(0, 200) + "…";
    }

    /** Waits until every notification handed over so far has been delivered or given up. */
    public void drain() throws InterruptedException {
        var barrier = sender.submit(() -> { });
        try {
            barrier.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(5, TimeUnit.SECONDS)) sender.shutdownNow();
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

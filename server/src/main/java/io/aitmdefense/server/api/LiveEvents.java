package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.javalin.http.sse.SseClient;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What changed, as it is stored: incident updates from the pipeline and from responders' actions, source status
 * changes. The console's open pages receive them as server-sent events; notifiers subscribe in process.
 */
public final class LiveEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One incident change: its id and what changed ({@code CREATED}, {@code SEVERITY_RAISED}, {@code ACKNOWLEDGED}, …). */
    public record IncidentChanged(String id, List<String> changes) {
    }

    private final Collection<SseClient> clients = new CopyOnWriteArrayList<>();
    /**
     * Every write to every client happens on this one thread: Jetty refuses two writes to a response at once, and a
     * page on a slow connection must never hold up the pipeline that publishes.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aitm-live-events");
        t.setDaemon(true);
        return t;
    });
    private final Collection<Consumer<IncidentUpdate>> listeners = new CopyOnWriteArrayList<>();

    /** The pipeline stored {@code u}: every open page and every listener hears of it. */
    public void incident(IncidentUpdate u) {
        incident(u.incident().id(), u.changes().stream().map(Enum::name).sorted().toList());
        for (Consumer<IncidentUpdate> l : listeners) l.accept(u);
    }

    /** A responder changed an incident's state (not its content: listeners, which notify about content, do not hear it). */
    public void incident(String id, List<String> changes) {
        ObjectNode n = JSON.createObjectNode().put("id", id);
        changes.forEach(n.putArray("changes")::add);
        send("incident", n.toString());
    }

    /** A source's status changed (a new error, an error cleared). */
    public void source(String name, String status) {
        send("source", JSON.createObjectNode().put("name", name).put("status", status).toString());
    }

    /** Hears every pipeline update after it is stored (notifications). */
    public void listen(Consumer<IncidentUpdate> listener) {
        listeners.add(listener);
    }

    /** Keeps an event-stream request open until the client goes away. */
    void attach(SseClient client) {
        client.onClose(() -> clients.remove(client));
        client.keepAlive();
        sender.execute(() -> {
            clients.add(client);
            write(client, c -> c.sendComment("connected"));
        });
    }

    private void send(String event, String data) {
        sender.execute(() -> {
            for (SseClient c : clients) write(c, x -> x.sendEvent(event, data));
        });
    }

    /** A client that went away or cannot be written to is dropped; the others still get the event. */
    private void write(SseClient c, Consumer<SseClient> w) {
        if (c.terminated()) {
            clients.remove(c);
            return;
        }
        try {
            w.accept(c);
        } catch (RuntimeException e) {
            clients.remove(c);
        }
    }
}

package io.aitmdefense.server.api;

import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentUpdate;
import io.aitmdefense.server.web.TestConsole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LiveEventsTest {
    @TempDir
    Path dir;

    @Test
    void anOpenEventStreamReceivesStoredIncidentUpdatesAndResponderDecisionsAsTheyHappen() throws Exception {
        LiveEvents events = new LiveEvents();
        List<IncidentUpdate> heard = new CopyOnWriteArrayList<>();
        events.listen(heard::add);
        try (TestConsole console = new TestConsole(dir, c -> c.withEvents(events))) {
            List<Incident> example = ExampleIncidents.store(console.db, TestConsole.NOW);
            Incident first = example.get(0);

            HttpResponse<Stream<String>> stream = console.http.send(console.request("/api/v1/events")
                    .header("Authorization", "Bearer " + console.adminToken).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            Iterator<String> lines = stream.body().iterator();
            assertThat(lines.next()).as("the server says it is attached before anything is published").startsWith(":");

            events.incident(new IncidentUpdate(first, Set.of(IncidentUpdate.Change.CREATED, IncidentUpdate.Change.ALERT_ADDED)));
            assertThat(console.post("/api/v1/incidents/" + first.id() + "/acknowledge", console.adminToken, "").statusCode())
                    .isEqualTo(200);

            List<String> received = new ArrayList<>();
            Thread reader = new Thread(() -> {
                while (lines.hasNext() && received.stream().filter(l -> l.startsWith("data:")).count() < 2) received.add(lines.next());
            });
            reader.start();
            reader.join(TimeUnit.SECONDS.toMillis(60)); // a guard against a hang, not a timing assertion
            stream.body().close();

            assertThat(received).containsSubsequence("event: incident",
                    "data: {\"id\":\"" + first.id() + "\",\"changes\":[\"ALERT_ADDED\",\"CREATED\"]}",
                    "event: incident",
                    "data: {\"id\":\"" + first.id() + "\",\"changes\":[\"ACKNOWLEDGED\"]}");
            assertThat(heard).as("in-process listeners hear the pipeline's updates, not the triage").hasSize(1);
        }
    }

    @Test
    void theEventStreamNeedsASignedInUser() throws Exception {
        try (TestConsole console = new TestConsole(dir)) {
            assertThat(console.send(console.request("/api/v1/events")).statusCode()).isEqualTo(401);
        }
    }
}

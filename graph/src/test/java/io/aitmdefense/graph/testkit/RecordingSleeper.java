package io.aitmdefense.graph.testkit;

import io.aitmdefense.graph.http.Sleeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Sleeper} that only writes down the waits asked of it, so tests of retries take no time. */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration d) {
        waits.add(d);
    }

    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}

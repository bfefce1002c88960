package io.aitmdefense.detect.engine;

import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.events.Event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Ways of feeding one set of events to the engine, as readers of real exports would. */
final class Feeding {
    private Feeding() {
    }

    static EngineResult inOrder(List<Event> events, List<Detection> detections, EngineSettings settings) {
        LocalEngine engine = LocalEngine.start(detections, EngineScenarios.enrichment(), settings);
        events.forEach(engine::accept);
        return engine.finish();
    }

    /**
     * Each event arrives a seeded random delay of up to {@code maxDelay} after its event time, as from a log
     * pipeline that lags; events are returned in arrival order.
     */
    static List<Event> delayed(List<Event> events, Random random, Duration maxDelay) {
        record Arrival(Event event, long at) {
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (Event e : events) {
            arrivals.add(new Arrival(e, e.time().toEpochMilli() + (long) (random.nextDouble() * maxDelay.toMillis())));
        }
        arrivals.sort(Comparator.comparingLong(Arrival::at));
        return arrivals.stream().map(Arrival::event).toList();
    }

    /**
     * Splits the events at random into {@code files}, each delayed by up to {@code maxDelay}, and feeds every file
     * from its own thread. Threads run concurrently within each {@code step} of arrival time and wait for each other
     * between steps, as readers of files covering the same period do; the skew between them stays below
     * {@code maxDelay + step}.
     */
    static EngineResult fromFiles(List<Event> events, long seed, int files, Duration maxDelay, Duration step,
                                  List<Detection> detections, EngineSettings settings) throws Exception {
        Random random = new Random(seed);
        List<List<Event>> split = new ArrayList<>();
        for (int i = 0; i < files; i++) split.add(new ArrayList<>());
        for (Event e : events) split.get(random.nextInt(files)).add(e);
        // per file: arrival step -> events arriving in it, in arrival order
        List<TreeMap<Long, List<Event>>> steps = new ArrayList<>();
        for (List<Event> file : split) {
            TreeMap<Long, List<Event>> byStep = new TreeMap<>();
            long delay = maxDelay.toMillis();
            List<long[]> order = new ArrayList<>();
            for (int i = 0; i < file.size(); i++) {
                order.add(new long[]{file.get(i).time().toEpochMilli() + (long) (random.nextDouble() * delay), i});
            }
            order.sort(Comparator.comparingLong(a -> a[0]));
            for (long[] a : order) {
                byStep.computeIfAbsent(Math.floorDiv(a[0], step.toMillis()), k -> new ArrayList<>()).add(file.get((int) a[1]));
            }
            steps.add(byStep);
        }
        long first = steps.stream().filter(m -> !m.isEmpty()).mapToLong(TreeMap::firstKey).min().orElse(0);
        long last = steps.stream().filter(m -> !m.isEmpty()).mapToLong(TreeMap::lastKey).max().orElse(-1);

        LocalEngine engine = LocalEngine.start(detections, EngineScenarios.enrichment(), settings);
        ExecutorService readers = Executors.newFixedThreadPool(files);
        try {
            for (long s = first; s <= last; s++) {
                List<Future<?>> running = new ArrayList<>();
                for (TreeMap<Long, List<Event>> file : steps) {
                    List<Event> chunk = file.getOrDefault(s, List.of());
                    running.add(readers.submit(() -> chunk.forEach(engine::accept)));
                }
                for (Future<?> f : running) f.get();
            }
        } finally {
            readers.shutdown();
        }
        return engine.finish();
    }
}

package io.aitmdefense.server.fault;

import io.aitmdefense.server.ServeSettings;
import io.aitmdefense.server.Service;
import io.aitmdefense.server.engine.LivePipeline;
import io.aitmdefense.server.source.SourceStatus;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code aitm serve} in a process of its own, for the kill -9 test: the bundled example's tenant file, a watched
 * folder, a snapshot every second (in {@code run} mode taken by this loop, which prints a line for each).
 * <pre>ServeProcess DATA INBOX CONFIG run|finish</pre>
 * {@code run} serves until killed; no idle spell moves the watermark, so a pause in the feed (or a restart) is harmless. {@code finish} serves until every record is read and the idle spell (2 s) has let the timers fire, then
 * stops cleanly and exits 0.
 */
public final class ServeProcess {
    private ServeProcess() {
    }

    public static void main(String[] args) throws Exception {
        boolean finish = args[3].equals("finish");
        ServeSettings settings = new ServeSettings(Path.of(args[0]), Optional.empty(), "127.0.0.1", 0, Duration.ofHours(48),
                finish ? Duration.ofSeconds(1) : Duration.ofHours(1), Duration.ofMillis(200),
                finish ? Duration.ofSeconds(2) : Duration.ofHours(1),
                List.of(new ServeSettings.TenantSpec("", Optional.of(Path.of(args[2])),
                        List.of(ServeSettings.folder(Path.of(args[1]), "inbox")))));
        Service service = Service.start(settings, Clock.systemUTC(), u -> { });
        System.out.println("started");
        if (!finish) {
            // the service's round, with the snapshot taken here each second so the test can aim a kill after one
            LivePipeline pipeline = service.pipelines().get(0);
            long next = System.nanoTime();
            for (int n = 0; ; n++) {
                int read = pipeline.runOnce();
                if (System.nanoTime() >= next) {
                    if (pipeline.snapshot()) System.out.println("snapshot " + n);
                    next = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
                if (read == 0) Thread.sleep(200);
            }
        }
        Thread run = new Thread(() -> {
            try {
                service.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        run.start();
        long delivered = -1;
        long since = System.nanoTime();
        while (System.nanoTime() - since < Duration.ofSeconds(6).toNanos()) {
            long now = service.pipelines().get(0).sourceStatus().stream().mapToLong(SourceStatus::delivered).sum();
            if (now != delivered) {
                delivered = now;
                since = System.nanoTime();
            }
            Thread.sleep(200);
        }
        service.stop();
        run.join();
        service.close();
        System.out.println("finished");
    }
}

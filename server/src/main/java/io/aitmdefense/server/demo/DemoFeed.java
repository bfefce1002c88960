package io.aitmdefense.server.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Streams the bundled example tenant into a watched folder the way exports arrive: day by day (every log of a day,
 * then the next day), one file at a time, so a new user watching the console sees incidents appear as the attack
 * unfolds. Files are copied under a temporary name and renamed, so the folder source never sees half a file.
 */
public final class DemoFeed implements Runnable {
    private final Path example;
    private final Path inbox;
    private final Duration every;
    private final Consumer<String> say;

    public DemoFeed(Path example, Path inbox, Duration every, Consumer<String> say) {
        this.example = example;
        this.inbox = inbox;
        this.every = every;
        this.say = say;
    }

    /** The example's log files in the order they are fed: by day (the file name), then by path. */
    public static List<Path> files(Path logs) throws IOException {
        try (Stream<Path> all = Files.walk(logs)) {
            return all.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).thenComparing(Path::toString))
                    .toList();
        }
    }

    @Override
    public void run() {
        try {
            Files.createDirectories(inbox);
            List<Path> files = files(example);
            int i = 0;
            for (Path f : files) {
                Path rel = example.relativize(f);
                Path target = inbox.resolve(rel.toString().replace('/', '_'));
                Path part = inbox.resolve("." + target.getFileName() + ".part");
                Files.copy(f, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                say.accept("demo: streamed " + rel + " (" + ++i + "/" + files.size() + ")");
                Thread.sleep(every.toMillis());
            }
            say.accept("demo: the whole example tenant has been streamed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            say.accept("demo: cannot stream the example: " + e.getMessage());
        }
    }
}

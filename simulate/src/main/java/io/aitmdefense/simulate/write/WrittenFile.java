package io.aitmdefense.simulate.write;

import java.nio.file.Path;

/** A file the simulation wrote: which format and table, how many records and bytes (as stored, gzip included). */
public record WrittenFile(Path path, String format, String table, long rows, long bytes) {
}

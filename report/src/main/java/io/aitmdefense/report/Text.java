package io.aitmdefense.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times appear in the outputs for people (escaping is {@link io.aitmdefense.model.SafeText}). */
final class Text {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Text() {
    }

    static String time(Instant t) {
        return TIME.format(t);
    }
}

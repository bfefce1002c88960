package io.aitmdefense.detect.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One detection's settings from the merged configuration, read with typed accessors and code defaults. */
public final class Thresholds {
    private final String owner;
    private final Map<String, Object> values;

    public Thresholds(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = values;
    }

    public static Thresholds none(String owner) {
        return new Thresholds(owner, Map.of());
    }

    public Duration duration(String key, Duration fallback) {
        Object v = values.get(key);
        return v == null ? fallback : parseDuration(owner + "." + key, v.toString());
    }

    public int integer(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.intValue();
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + "." + key + ": expected a whole number, got '" + v + "'");
        }
    }

    public double decimal(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + "." + key + ": expected a number, got '" + v + "'");
        }
    }

    public boolean flag(String key, boolean fallback) {
        Object v = values.get(key);
        return v == null ? fallback : Boolean.parseBoolean(v.toString().trim());
    }

    public List<String> strings(String key, List<String> fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(v.toString().split("\\s*,\\s*"));
    }

    /** ISO-8601 ({@code PT10M}) or short forms: {@code 90s}, {@code 10m}, {@code 6h}, {@code 7d}. */
    public static Duration parseDuration(String what, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) return Duration.parse(t.toUpperCase(Locale.ROOT));
            long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a duration; use e.g. 90s, 10m, 6h, 7d or PT10M");
        }
    }
}

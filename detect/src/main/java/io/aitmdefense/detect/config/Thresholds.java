package io.aitmdefense.detect.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One owner's settings (a detection, the engine, the incidents): typed accessors whose fallback is the setting's one
 * default, given where the setting is used, with what it means. Every read is remembered by the configuration, so
 * that {@code --show-config} prints each effective value beside its default and a key nobody reads is reported as
 * unknown.
 */
public final class Thresholds {
    /** A setting as read: its effective value and default as YAML text, and what it means. */
    record Asked(String value, String defaultValue, String doc) {
    }

    private final String owner;
    private final Map<String, Object> values;
    private final DetectConfig config;

    Thresholds(String owner, Map<String, Object> values, DetectConfig config) {
        this.owner = owner;
        this.values = values;
        this.config = config;
    }

    public Duration duration(String key, Duration fallback, String doc) {
        Object v = values.get(key);
        Duration d = v == null ? fallback : parseDuration(owner + "." + key, v.toString());
        asked(key, durationText(d), durationText(fallback), doc);
        return d;
    }

    public int integer(String key, int fallback, String doc) {
        Object v = values.get(key);
        int n;
        if (v == null) n = fallback;
        else if (v instanceof Number num) n = num.intValue();
        else {
            try {
                n = Integer.parseInt(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(owner + "." + key + ": expected a whole number, got '" + v + "'");
            }
        }
        asked(key, Integer.toString(n), Integer.toString(fallback), doc);
        return n;
    }

    /** As {@link #integer}, refusing values below {@code min}. */
    public int integer(String key, int fallback, int min, String doc) {
        int n = integer(key, fallback, doc);
        if (n < min) throw new IllegalArgumentException(owner + "." + key + ": must be at least " + min + ", got " + n);
        return n;
    }

    public double decimal(String key, double fallback, String doc) {
        Object v = values.get(key);
        double d;
        if (v == null) d = fallback;
        else if (v instanceof Number num) d = num.doubleValue();
        else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(owner + "." + key + ": expected a number, got '" + v + "'");
            }
        }
        asked(key, number(d), number(fallback), doc);
        return d;
    }

    public boolean flag(String key, boolean fallback, String doc) {
        Object v = values.get(key);
        boolean b = v == null ? fallback : Boolean.parseBoolean(v.toString().trim());
        asked(key, Boolean.toString(b), Boolean.toString(fallback), doc);
        return b;
    }

    public List<String> strings(String key, List<String> fallback, String doc) {
        Object v = values.get(key);
        List<String> l;
        if (v == null) l = fallback;
        else if (v instanceof List<?> list) l = list.stream().map(String::valueOf).toList();
        else l = List.of(v.toString().split("\\s*,\\s*"));
        asked(key, DetectConfig.yaml(l), DetectConfig.yaml(fallback), doc);
        return l;
    }

    // without what the setting means: for readers that only mirror a detection's setting (the rule export)
    public Duration duration(String key, Duration fallback) {
        return duration(key, fallback, "");
    }

    public int integer(String key, int fallback) {
        return integer(key, fallback, "");
    }

    public double decimal(String key, double fallback) {
        return decimal(key, fallback, "");
    }

    public boolean flag(String key, boolean fallback) {
        return flag(key, fallback, "");
    }

    public List<String> strings(String key, List<String> fallback) {
        return strings(key, fallback, "");
    }

    private void asked(String key, String value, String defaultValue, String doc) {
        config.asked(owner, key, new Asked(value, defaultValue, doc));
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** 90s, 10m, 6h, 7d when the duration is a whole number of one of them, else ISO-8601. */
    static String durationText(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0 || s == 0) return d.toString();
        if (s % 86400 == 0) return s / 86400 + "d";
        if (s % 3600 == 0) return s / 3600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
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

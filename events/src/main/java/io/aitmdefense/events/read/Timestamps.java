package io.aitmdefense.events.read;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Every timestamp form the logs use (log-schemas §14): ISO with 0–7 fraction digits and an offset, {@code Z} or no zone
 * (UTC), a space instead of {@code T}, trailing spaces, the portal's US style {@code 4/28/2021, 2:08:45.221 PM},
 * epoch seconds and .NET ticks. All are UTC unless an offset says otherwise.
 */
public final class Timestamps {
    private static final DateTimeFormatter US = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("M/d/yyyy")
            .optionalStart().appendLiteral(',').optionalEnd()
            .appendLiteral(' ')
            .appendPattern("h:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendLiteral(' ')
            .appendPattern("a")
            .toFormatter(Locale.US);
    private static final long TICKS_AT_EPOCH = 621_355_968_000_000_000L;

    private Timestamps() {
    }

    /** Parses a timestamp or throws {@link IllegalArgumentException} naming the text. */
    public static Instant parse(String raw) {
        String s = raw.trim();
        if (s.isEmpty()) throw new IllegalArgumentException("no timestamp");
        Instant fast = iso(s);
        if (fast != null) return fast;
        try {
            if (s.indexOf('/') > 0) return LocalDateTime.parse(s.toUpperCase(Locale.ROOT), US).toInstant(ZoneOffset.UTC);
            if (s.chars().allMatch(Character::isDigit)) {
                long n = Long.parseLong(s);
                if (n > 100_000_000_000_000L) return Instant.ofEpochSecond(0, (n - TICKS_AT_EPOCH) * 100);
                return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
            }
            return java.time.OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("unreadable timestamp '" + raw + "'");
        }
    }

    /** Hand-rolled ISO-8601 for the common forms: every sign-in row has one, so avoid the formatter machinery. */
    private static Instant iso(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') return null;
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) return null;
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int scale = 100_000_000;
            while (i < n && Character.isDigit(s.charAt(i))) {
                nanos += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
        }
        int offsetSeconds = 0;
        if (i < n) {
            char c = s.charAt(i);
            if (c == 'Z' || c == 'z') {
                i++;
            } else if ((c == '+' || c == '-') && i + 3 <= n) {
                // +hh:mm, and the +hhmm and +hh that some forwarders write
                int oh = digits(s, i + 1, 2), om = 0, width = 3;
                if (i + 6 <= n && s.charAt(i + 3) == ':') {
                    om = digits(s, i + 4, 2);
                    width = 6;
                } else if (i + 5 <= n) {
                    om = digits(s, i + 3, 2);
                    width = 5;
                }
                if (oh < 0 || om < 0) return null;
                offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
                i += width;
            }
            if (i != n) return null;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}

package io.aitmdefense.simulate.write;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The timestamp spellings of the real logs (log-schemas §14). */
final class Times {
    private Times() {
    }

    /** {@code 2025-02-17T08:35:37.6544801Z} — Log Analytics, Event Hubs {@code time}. */
    static String ticksZ(Instant t) {
        return seconds(t) + "." + fraction7(t) + "Z";
    }

    /** {@code 2025-02-17T08:35:37.6544801+00:00} — Event Hubs {@code properties.createdDateTime}. */
    static String ticksOffset(Instant t) {
        return seconds(t) + "." + fraction7(t) + "+00:00";
    }

    /** {@code 2025-02-17T08:35:37Z} — Graph. */
    static String graph(Instant t) {
        return seconds(t) + "Z";
    }

    /** {@code 2023-05-24T15:10:53} — unified audit log, UTC without a zone. */
    static String ual(Instant t) {
        return seconds(t);
    }

    /** {@code 3/24/2022 2:42:35 PM} — the US-style emission time seen on diagnostic-settings risk records. */
    static String us(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        int h = d.getHour() % 12 == 0 ? 12 : d.getHour() % 12;
        return d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + d.getYear() + " " + h + ":"
                + two(d.getMinute()) + ":" + two(d.getSecond()) + (d.getHour() < 12 ? " AM" : " PM");
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static String seconds(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] c = new char[19];
        put4(c, 0, d.getYear());
        c[4] = '-';
        put2(c, 5, d.getMonthValue());
        c[7] = '-';
        put2(c, 8, d.getDayOfMonth());
        c[10] = 'T';
        put2(c, 11, d.getHour());
        c[13] = ':';
        put2(c, 14, d.getMinute());
        c[16] = ':';
        put2(c, 17, d.getSecond());
        return new String(c);
    }

    private static String fraction7(Instant t) {
        int v = t.getNano() / 100;
        char[] c = new char[7];
        for (int i = 6; i >= 0; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return new String(c);
    }

    private static void put2(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static void put4(char[] c, int at, int v) {
        put2(c, at, v / 100);
        put2(c, at + 2, v % 100);
    }
}

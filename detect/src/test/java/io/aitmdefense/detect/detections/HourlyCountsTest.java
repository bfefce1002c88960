package io.aitmdefense.detect.detections;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The two sorted arrays against a tree map of the same hours, on seeded adds in and out of time order. */
class HourlyCountsTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 99, 2026})
    void sumsAndHoursMatchATreeMapThroughForgettingAndARoundTrip(long seed) throws IOException {
        Random random = new Random(seed);
        HourlyCounts counts = new HourlyCounts();
        TreeMap<Long, Long> model = new TreeMap<>();
        long now = 480_000;
        for (int i = 0; i < 2_000; i++) {
            now += random.nextInt(3); // mostly in time order, a tenth of the adds late by up to two days
            long hour = random.nextInt(10) == 0 ? now - random.nextInt(48) : now;
            long n = 1 + random.nextInt(5);
            counts.add(hour, n);
            model.merge(hour, n, Long::sum);
            if (i % 250 == 249) {
                long forget = now - 24 * 14;
                counts.forgetBefore(forget);
                model.headMap(forget).clear();
            }
            long from = now - random.nextInt(400), to = from + random.nextInt(400);
            assertEquals(model.subMap(from, to).values().stream().mapToLong(Long::longValue).sum(), counts.sum(from, to));
            assertEquals(model.subMap(from, to).size(), counts.hours(from, to));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        counts.write(new DataOutputStream(bytes));
        HourlyCounts read = new HourlyCounts();
        read.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(model.values().stream().mapToLong(Long::longValue).sum(), read.sum(Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(model.size(), read.hours(Long.MIN_VALUE, Long.MAX_VALUE));
    }
}

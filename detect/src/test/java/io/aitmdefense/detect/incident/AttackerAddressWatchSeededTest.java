package io.aitmdefense.detect.incident;

import io.aitmdefense.model.incident.Sighting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.aitmdefense.detect.incident.TestAlerts.T0;
import static io.aitmdefense.events.SampleEvents.office;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch's compact places (a short chain of presences, a map past a few users; two longs a day) against the plain
 * structure they replace — a map of address, user and UTC day to the first and last sighting — on random events: some
 * addresses shared by many users, several days, times with nanoseconds, out of order.
 */
class AttackerAddressWatchSeededTest {
    private static final String[] ADDRESSES = {"198.51.100.7", "203.0.113.9", "2001:db8::1", "192.0.2.44", "198.51.100.200"};
    private static final String[] OPERATIONS = {"MailItemsAccessed", "New-InboxRule", "FileDownloaded"};

    /** The first and last sighting of one user at one address on one day, as the plain structure keeps them. */
    private static final class Day {
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        String firstActivity, lastActivity;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 4242})
    void sightingsAreThoseOfThePlainMapAndSurviveACheckpoint(long seed) throws IOException {
        Random random = new Random(seed);
        AttackerAddressWatch watch = new AttackerAddressWatch(Duration.ofHours(73));
        Map<String, Map<String, TreeMap<Long, Day>>> plain = new TreeMap<>();
        int users = 1 + random.nextInt(12);
        for (int n = 0; n < 400; n++) {
            String ip = ADDRESSES[random.nextInt(ADDRESSES.length)];
            String user = "u" + random.nextInt(users) + "@contoso.com";
            String operation = OPERATIONS[random.nextInt(OPERATIONS.length)];
            Instant at = T0.plusSeconds(random.nextInt(3 * 86_400)).plusNanos(random.nextInt(1_000_000_000));
            watch.add(office(operation).user(user).ip(ip).at(at).build());
            long t = at.toEpochMilli();
            Day d = plain.computeIfAbsent(ip, k -> new TreeMap<>()).computeIfAbsent(user, k -> new TreeMap<>())
                    .computeIfAbsent(Math.floorDiv(t, 86_400_000L), k -> new Day());
            if (t < d.first) {
                d.first = t;
                d.firstActivity = operation;
            }
            if (t > d.last) {
                d.last = t;
                d.lastActivity = operation;
            }
        }
        for (String ip : ADDRESSES) watch.watch(ip);

        List<Sighting> expected = new ArrayList<>();
        plain.forEach((ip, byUser) -> byUser.forEach((user, days) -> days.values().forEach(d -> {
            expected.add(new Sighting(user, ip, Instant.ofEpochMilli(d.first), d.firstActivity));
            if (d.last != d.first) expected.add(new Sighting(user, ip, Instant.ofEpochMilli(d.last), d.lastActivity));
        })));
        expected.sort(Comparator.comparing(Sighting::time).thenComparing(Sighting::user).thenComparing(Sighting::ip));
        assertThat(expected).isNotEmpty();
        assertThat(watch.sightings()).containsExactlyElementsOf(expected);

        byte[] checkpoint = write(watch);
        AttackerAddressWatch restored = AttackerAddressWatch.read(new DataInputStream(new ByteArrayInputStream(checkpoint)),
                watch.retention());
        assertThat(restored.sightings()).containsExactlyElementsOf(expected);
        assertThat(restored.addresses()).isEqualTo(watch.addresses());
        assertThat(write(restored)).as("a restored watch writes the same checkpoint").isEqualTo(checkpoint);
    }

    private static byte[] write(AttackerAddressWatch watch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        watch.write(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}

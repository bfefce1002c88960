package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.StateIo;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.detect.signals.SignInSignals;
import io.aitmdefense.events.IpAddress;
import io.aitmdefense.model.NetworkKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day history every user keeps for two weeks (networks, devices, apps, resources), checked on seeded random input
 * against the plain structure it stands for: a map of keys to a tree of day → earliest time, capped by dropping the
 * key seen least recently. Times come mostly in order with late ones mixed in; forgetting comes as the timers ask for
 * it, every few rows, often at a time that cannot drop anything.
 */
class TokenWithoutMfaHistoryTest {
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** The plain structure: what the history must answer, written the simple way. */
    static final class Plain {
        final int cap;
        final Map<String, String> values = new HashMap<>();
        final Map<String, TreeMap<Long, Long>> days = new HashMap<>();

        Plain(int cap) {
            this.cap = cap;
        }

        void record(String key, String value, long time) {
            if (!days.containsKey(key)) {
                if (days.size() >= cap) {
                    String stalest = days.keySet().stream()
                            .min(Comparator.comparing((String k) -> days.get(k).lastKey()).thenComparing(k -> k)).orElseThrow();
                    days.remove(stalest);
                    values.remove(stalest);
                }
                days.put(key, new TreeMap<>());
                values.put(key, value);
            }
            days.get(key).merge(Math.floorDiv(time, DAY), time, Math::min);
        }

        boolean seenBefore(String key, long time, int within) {
            TreeMap<Long, Long> d = days.get(key);
            if (d == null) return false;
            long day = Math.floorDiv(time, DAY);
            return d.subMap(day - within, true, day, true).values().stream().anyMatch(t -> t < time);
        }

        void forgetBefore(long time, int within) {
            long first = Math.floorDiv(time, DAY) - within;
            days.values().forEach(d -> d.headMap(first).clear());
            days.values().removeIf(TreeMap::isEmpty);
            values.keySet().retainAll(days.keySet());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void answersAsThePlainMapOfDaysDoesWhateverTheOrderOfRecordsAndForgetting(long seed) throws IOException {
        Random random = new Random(seed);
        int cap = 3 + random.nextInt(6), within = 1 + random.nextInt(5);
        TokenWithoutMfaHistory<String> history = new TokenWithoutMfaHistory<>(cap);
        Plain plain = new Plain(cap);
        long clock = 1_700_000_000_000L;
        int asked = 0;
        for (int step = 0; step < 2500; step++) {
            clock += random.nextInt((int) (DAY / 20));
            long time = random.nextInt(10) == 0 ? clock - random.nextInt((int) (3 * DAY)) : clock; // some rows late
            String key = "k" + random.nextInt(12);
            String value = key + "@" + step;
            history.record(key, value, time);
            plain.record(key, value, time);
            if (random.nextInt(4) == 0) {
                long now = clock - random.nextInt((int) DAY);
                history.forgetBefore(now, within);
                plain.forgetBefore(now, within);
            }
            if (random.nextInt(50) == 0) history = roundTrip(history, cap);
            long at = clock - random.nextInt((int) (4 * DAY));
            for (int k = 0; k < 12; k++) {
                String asking = "k" + k;
                boolean expected = plain.seenBefore(asking, at, within);
                assertThat(history.seenBefore(asking, at, within)).as("step %d, %s at %d", step, asking, at).isEqualTo(expected);
                if (expected) asked++;
            }
            String wanted = plain.values.get(key);
            boolean anyWithValue = plain.days.keySet().stream()
                    .anyMatch(k -> plain.values.get(k).equals(wanted) && plain.seenBefore(k, at, within));
            assertThat(history.anySeenBefore(at, within, v -> v.equals(wanted))).as("step %d", step).isEqualTo(anyWithValue);
            assertThat(history.isEmpty()).isEqualTo(plain.days.isEmpty());
        }
        assertThat(asked).as("the questions were not all answered no").isGreaterThan(500);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void aNetworkIsKnownExactlyWhenComparingItWithEveryNetworkOfTheHistorySaysSo(long seed) {
        Random random = new Random(seed);
        // few ASNs (two of one owner), addresses without an ASN, IPv4 and IPv6: every way two networks compare
        String[] ips = {"203.0.113.10", "203.0.7.1", "198.51.100.4", "2001:db8:1::5", "2001:db8:2::9", "192.0.2.77"};
        int[] asns = {0, 0, 64500, 64501, 64502, 8075, 8068};
        String[] owners = {"", "Contoso Telecom", "Microsoft Corporation", "Microsoft Corporation (Azure ExpressRoute)"};
        TokenWithoutMfaHistory<Network> history = new TokenWithoutMfaHistory<>(256);
        long clock = 1_700_000_000_000L;
        int known = 0;
        for (int step = 0; step < 3000; step++) {
            clock += random.nextInt((int) (DAY / 10));
            Network n = network(ips[random.nextInt(ips.length)], asns[random.nextInt(asns.length)], owners[random.nextInt(owners.length)]);
            if (random.nextInt(6) == 0) history.record(n.block(), n, clock - random.nextInt((int) DAY));
            if (random.nextInt(5) == 0) history.forgetBefore(clock, 1);
            long at = clock - random.nextInt((int) (3 * DAY));
            Network asked = network(ips[random.nextInt(ips.length)], asns[random.nextInt(asns.length)], owners[random.nextInt(owners.length)]);
            boolean expected = history.anySeenBefore(at, 1, k -> !SignInSignals.differentNetworks(k, asked));
            assertThat(UserHabits.knownNetwork(history, asked, at, 1)).as("step %d, %s", step, asked).isEqualTo(expected);
            if (expected) known++;
        }
        assertThat(known).as("some networks were known, some not").isBetween(300, 2700);
    }

    /** A network as the enrichment builds it: the block is the ASN, or without one the address's /16 or /48. */
    private static Network network(String ip, int asn, String owner) {
        return new Network(ip, asn, asn > 0 ? owner : "", NetworkKind.OTHER, false, asn > 0 ? "AS" + asn : IpAddress.network(ip));
    }

    private static TokenWithoutMfaHistory<String> roundTrip(TokenWithoutMfaHistory<String> history, int cap) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        history.write(new DataOutputStream(bytes), StateIo::str);
        TokenWithoutMfaHistory<String> read = new TokenWithoutMfaHistory<>(cap);
        read.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), StateIo::str);
        return read;
    }
}

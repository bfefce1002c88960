package io.aitmdefense.events.codec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The memo against a plain map of every key ever put: it may forget, but never answers with another key's value. */
class ValueMemoTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void answersOnlyWithTheValueOfEqualBytesAndKeepsTheLatestPut(long seed) {
        Random rnd = new Random(seed);
        ValueMemo<String> memo = new ValueMemo<>(8); // small: slots are shared and replaced all the time
        Map<ByteBuffer, String> all = new HashMap<>();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] k = new byte[rnd.nextInt(5) == 0 ? rnd.nextInt(20) : 100 + rnd.nextInt(4_000)];
            rnd.nextBytes(k);
            if (i > 0 && rnd.nextBoolean()) { // near misses: same length, one byte apart
                byte[] like = keys.get(rnd.nextInt(keys.size()));
                k = like.clone();
                if (k.length > 0) k[rnd.nextInt(k.length)] ^= 1;
            }
            keys.add(k);
        }
        int hits = 0;
        for (int step = 0; step < 5_000; step++) {
            byte[] k = keys.get(rnd.nextInt(keys.size()));
            int pad = rnd.nextInt(3);
            byte[] in = new byte[k.length + 2 * pad]; // the key somewhere inside a larger buffer, as in a record
            System.arraycopy(k, 0, in, pad, k.length);
            String known = memo.get(in, pad, pad + k.length);
            if (known != null) {
                hits++;
                assertThat(known).isEqualTo(all.get(ByteBuffer.wrap(k)));
            }
            if (known == null || rnd.nextInt(10) == 0) {
                String value = "v" + step;
                memo.put(in, pad, pad + k.length, value);
                all.put(ByteBuffer.wrap(k), value);
                assertThat(memo.get(k, 0, k.length)).isEqualTo(value);
            }
        }
        assertThat(hits).as("with 40 keys over 8 slots some lookups hit").isGreaterThan(100);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {ValueMemo.MAX_KEY_BYTES + 1, 100_000})
    void keysLongerThanTheBoundAreNotKept(int length) {
        ValueMemo<String> memo = new ValueMemo<>(4);
        byte[] k = new byte[length];
        memo.put(k, 0, length, "x");
        assertThat(memo.get(k, 0, length)).isNull();
    }
}

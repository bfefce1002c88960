package io.aitmdefense.events.codec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool hands out equal strings for equal bytes, shares short ones, and never changes a value. */
class StringPoolTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void everyRunDecodesToItsOwnTextAndRepeatsShareOneInstance(long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            String text = randomText(rnd, 1 + rnd.nextInt(40));
            byte[] padded = ("«" + text + "»").getBytes(StandardCharsets.UTF_8);
            int offset = "«".getBytes(StandardCharsets.UTF_8).length;
            int length = text.getBytes(StandardCharsets.UTF_8).length;

            String first = StringPool.utf8(padded, offset, length);
            String again = StringPool.utf8(text.getBytes(StandardCharsets.UTF_8), 0, length);

            assertThat(first).isEqualTo(text);
            // right after the first call nothing else can have taken its slot on this thread
            assertThat(again).isSameAs(first);
            assertThat(StringPool.of(new String(text))).isSameAs(first);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {StringPool.MAX_BYTES + 1, 4_000})
    void longRunsAreDecodedButNotPooled(int length) {
        byte[] bytes = "x".repeat(length).getBytes(StandardCharsets.UTF_8);
        String a = StringPool.utf8(bytes, 0, length), b = StringPool.utf8(bytes, 0, length);
        assertThat(a).isEqualTo(b).hasSize(length);
        assertThat(a).isNotSameAs(b);
    }

    /**
     * The table checked against the structure it stands for: per pair of slots, a list of the two most recently used
     * strings. Strings are drawn from a few pairs that many compete for, so that hits in either slot, swaps and
     * evictions all happen; a lookup must hand back the earlier instance exactly when the model still holds the string.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void behavesAsTwoMostRecentlyUsedStringsPerPair(long seed) {
        Random rnd = new Random(seed);
        String prefix = "pool-test-" + seed + "-" + System.nanoTime() + "-"; // nothing of it is pooled yet
        Map<Integer, List<String>> byPair = new HashMap<>();
        for (int i = 0; i < 400_000; i++) {
            String s = prefix + i;
            byPair.computeIfAbsent(StringPool.pairOf(s), k -> new ArrayList<>()).add(s);
        }
        List<String> competing = new ArrayList<>();
        byPair.values().stream().filter(l -> l.size() >= 4).limit(6).forEach(l -> competing.addAll(l.subList(0, 4)));
        assertThat(competing).hasSize(24);

        // whatever other tests left in these pairs counts as two unknown, older entries
        Map<Integer, List<String>> model = new HashMap<>();
        Map<String, String> lastHandedOut = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            String s = competing.get(rnd.nextInt(competing.size()));
            List<String> pair = model.computeIfAbsent(StringPool.pairOf(s), k -> new ArrayList<>(List.of("?", "?")));
            boolean held = pair.remove(s);
            if (!held) pair.remove(1);
            pair.add(0, s);

            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            String got = StringPool.utf8(bytes, 0, bytes.length);
            assertThat(got).isEqualTo(s);
            String before = lastHandedOut.put(s, got);
            if (held) assertThat(got).as("step %d: %s is still pooled", step, s).isSameAs(before);
            else if (before != null) assertThat(got).as("step %d: %s was pushed out", step, s).isNotSameAs(before);
        }
    }

    private static String randomText(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        String alphabet = "abcXYZ019.@:-/é→";
        for (int i = 0; i < n; i++) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        return b.toString();
    }
}

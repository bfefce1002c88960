package io.aitmdefense.events.codec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
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

    private static String randomText(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        String alphabet = "abcXYZ019.@:-/é→";
        for (int i = 0; i < n; i++) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        return b.toString();
    }
}

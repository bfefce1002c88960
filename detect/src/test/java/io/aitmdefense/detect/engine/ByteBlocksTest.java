package io.aitmdefense.detect.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch's block chain holds exactly the bytes a plain growing array would, whatever the sizes of the writes. */
class ByteBlocksTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void holdsWhatAByteArrayStreamHoldsAcrossBlockBoundaries(long seed) throws IOException {
        Random rnd = new Random(seed);
        ByteBlocks blocks = new ByteBlocks();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        int writes = 1 + rnd.nextInt(400);
        for (int i = 0; i < writes; i++) {
            // mostly frame-sized writes, now and then one longer than the largest block
            int len = rnd.nextInt(10) == 0 ? rnd.nextInt(3 * ByteBlocks.MAX_BLOCK) : rnd.nextInt(2_000);
            byte[] b = new byte[len + 10];
            rnd.nextBytes(b);
            int off = rnd.nextInt(11);
            blocks.write(b, off, len);
            plain.write(b, off, len);
        }
        byte[] expected = plain.toByteArray();

        assertThat(blocks.size()).isEqualTo(expected.length);
        byte[] copied = new byte[expected.length + 7];
        copied[0] = 99;
        blocks.copyTo(copied, 3);
        assertThat(Arrays.copyOfRange(copied, 3, 3 + expected.length)).isEqualTo(expected);
        assertThat(copied[0]).isEqualTo((byte) 99);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        int[] largest = {0};
        blocks.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                largest[0] = Math.max(largest[0], len);
                written.write(b, off, len);
            }
        });
        assertThat(written.toByteArray()).isEqualTo(expected);
        assertThat(largest[0]).isLessThanOrEqualTo(ByteBlocks.MAX_BLOCK);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, ByteBlocks.FIRST_BLOCK, ByteBlocks.FIRST_BLOCK + 1})
    void smallAndEmptyChainsCopyTheirBytes(int n) {
        ByteBlocks blocks = new ByteBlocks();
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        blocks.write(b, 0, n);
        byte[] copied = new byte[n];
        blocks.copyTo(copied, 0);
        assertThat(copied).isEqualTo(b);
        assertThat(blocks.size()).isEqualTo(n);
    }
}

package io.aitmdefense.events.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens an input file as a UTF-8 byte stream whatever it was written as: gzip is unwrapped, a UTF-8 BOM is dropped,
 * UTF-16 (with a BOM, or without one when the first character is ASCII) is transcoded. Readers downstream only
 * ever see UTF-8.
 */
public final class InputDecoder {
    private InputDecoder() {
    }

    /** The decoded stream and a description of what the file was ("gzip, UTF-16LE"). */
    public record Decoded(InputStream utf8, String encoding) {
    }

    public static Decoded open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        return decode(raw);
    }

    public static Decoded decode(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 4);
        byte[] head = new byte[2];
        int n = p.readNBytes(head, 0, 2);
        p.unread(head, 0, n);
        String gz = "";
        InputStream s = p;
        if (n == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            s = new BufferedInputStream(new GZIPInputStream(p, 1 << 16), 1 << 16);
            gz = "gzip, ";
        }
        PushbackInputStream q = new PushbackInputStream(s, 4);
        byte[] bom = new byte[4];
        int m = q.readNBytes(bom, 0, 4);
        int b0 = m > 0 ? bom[0] & 0xff : -1, b1 = m > 1 ? bom[1] & 0xff : -1, b2 = m > 2 ? bom[2] & 0xff : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            q.unread(bom, 3, m - 3);
            return new Decoded(q, gz + "UTF-8 with BOM");
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            q.unread(bom, 2, m - 2);
            return new Decoded(transcode(q, StandardCharsets.UTF_16LE), gz + "UTF-16LE");
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            q.unread(bom, 2, m - 2);
            return new Decoded(transcode(q, StandardCharsets.UTF_16BE), gz + "UTF-16BE");
        }
        q.unread(bom, 0, m);
        if (m >= 2 && b0 != 0 && b1 == 0) return new Decoded(transcode(q, StandardCharsets.UTF_16LE), gz + "UTF-16LE (no BOM)");
        if (m >= 2 && b0 == 0 && b1 != 0) return new Decoded(transcode(q, StandardCharsets.UTF_16BE), gz + "UTF-16BE (no BOM)");
        return new Decoded(q, gz + "UTF-8");
    }

    private static InputStream transcode(InputStream in, Charset from) {
        return new Utf8Transcoder(new InputStreamReader(in, from));
    }

    /** Re-encodes characters from a reader as UTF-8 bytes. */
    private static final class Utf8Transcoder extends InputStream {
        private final Reader reader;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private final ByteBuffer bytes = ByteBuffer.allocate(32768);
        private boolean eof;

        Utf8Transcoder(Reader reader) {
            this.reader = reader;
            chars.flip();
            bytes.flip();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!bytes.hasRemaining()) {
                if (eof && !chars.hasRemaining()) return -1;
                fill();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        private void fill() throws IOException {
            chars.compact();
            if (!eof) {
                int r = reader.read(chars);
                if (r < 0) eof = true;
            }
            chars.flip();
            bytes.clear();
            CoderResult cr = encoder.encode(chars, bytes, eof);
            if (cr.isError()) cr.throwException();
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}

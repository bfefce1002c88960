package io.aitmdefense.events.read;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens an input file as a UTF-8 byte stream whatever it was written as: gzip is unwrapped, a UTF-8 BOM is dropped,
 * UTF-16 (with a BOM, or without one when the first character is ASCII) is transcoded. Readers downstream only
 * ever see UTF-8.
 *
 * <p>Damage does not throw: a gzip stream that ends early or turns corrupt, or UTF-16 text with a broken character,
 * ends (or patches) the decoded stream and leaves a note in {@link Decoded#damage()}, so every record before the
 * damage is still read and the damage is still reported.
 */
public final class InputDecoder {
    private InputDecoder() {
    }

    /** The decoded stream, a description of what the file was ("gzip, UTF-16LE") and what was wrong with it. */
    public record Decoded(InputStream utf8, String encoding, Damage damage) {
        public Decoded(InputStream utf8, String encoding) {
            this(utf8, encoding, new Damage());
        }
    }

    /** Problems met while decoding, in order; filled as the stream is read. */
    public static final class Damage {
        private final List<String> notes = new ArrayList<>();

        synchronized void add(String note) {
            if (!notes.contains(note)) notes.add(note);
        }

        public synchronized List<String> notes() {
            return List.copyOf(notes);
        }
    }

    /** The file is an archive or document, not a log: reading it as text would only produce noise. */
    public static final class NotALog extends IOException {
        NotALog(String what) {
            super("not a log: " + what);
        }
    }

    public static Decoded open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        return decode(raw);
    }

    public static Decoded decode(InputStream in) throws IOException {
        Damage damage = new Damage();
        PushbackInputStream p = new PushbackInputStream(in, 8);
        byte[] head = new byte[8];
        int n = p.readNBytes(head, 0, head.length);
        p.unread(head, 0, n);
        String gz = "";
        InputStream s = p;
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            s = new BufferedInputStream(new TolerantGzip(p, damage), 1 << 16);
            gz = "gzip, ";
        } else {
            String archive = archive(head, n);
            if (archive != null) throw new NotALog(archive);
        }
        PushbackInputStream q = new PushbackInputStream(s, 4);
        byte[] bom = new byte[4];
        int m = q.readNBytes(bom, 0, 4);
        int b0 = m > 0 ? bom[0] & 0xff : -1, b1 = m > 1 ? bom[1] & 0xff : -1, b2 = m > 2 ? bom[2] & 0xff : -1;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            q.unread(bom, 3, m - 3);
            return new Decoded(q, gz + "UTF-8 with BOM", damage);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            q.unread(bom, 2, m - 2);
            return new Decoded(new Utf8Transcoder(q, StandardCharsets.UTF_16LE, damage), gz + "UTF-16LE", damage);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            q.unread(bom, 2, m - 2);
            return new Decoded(new Utf8Transcoder(q, StandardCharsets.UTF_16BE, damage), gz + "UTF-16BE", damage);
        }
        q.unread(bom, 0, m);
        if (m >= 2 && b0 != 0 && b1 == 0) {
            return new Decoded(new Utf8Transcoder(q, StandardCharsets.UTF_16LE, damage), gz + "UTF-16LE (no BOM)", damage);
        }
        if (m >= 2 && b0 == 0 && b1 != 0) {
            return new Decoded(new Utf8Transcoder(q, StandardCharsets.UTF_16BE, damage), gz + "UTF-16BE (no BOM)", damage);
        }
        // Excel and older Windows tools save CSV in the ANSI code page: UTF-8 is what the bytes are only if they
        // decode as UTF-8, which text in any other encoding practically never does
        BufferedInputStream b = new BufferedInputStream(q, SNIFF);
        b.mark(SNIFF);
        byte[] peek = b.readNBytes(SNIFF);
        b.reset();
        if (!validUtf8(peek, peek.length == SNIFF)) {
            Charset ansi = Charset.forName("windows-1252");
            return new Decoded(new Utf8Transcoder(b, ansi, damage), gz + "Windows-1252 (not valid UTF-8)", damage);
        }
        return new Decoded(b, gz + "UTF-8", damage);
    }

    private static final int SNIFF = 1 << 16;

    /** Whether the bytes are well-formed UTF-8; a sequence cut by the end of a partial sample counts as well-formed. */
    static boolean validUtf8(byte[] b, boolean partial) {
        int i = 0, n = b.length;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c <= 0xEF ? 3 : 0) : c >= 0xC2 ? 2 : 0;
            if (len == 0) return false;
            if (i + len > n) return partial;
            for (int k = 1; k < len; k++) if ((b[i + k] & 0xC0) != 0x80) return false;
            i += len;
        }
        return true;
    }

    /** What an archive or document format is called, from its magic bytes, or null. */
    private static String archive(byte[] h, int n) {
        if (n >= 4 && h[0] == 'P' && h[1] == 'K' && (h[2] == 3 || h[2] == 5 || h[2] == 7)) {
            return "a zip archive (or an Excel workbook); extract it, or export the logs as CSV or JSON, and read that";
        }
        if (n >= 6 && h[0] == '7' && h[1] == 'z' && (h[2] & 0xff) == 0xBC && (h[3] & 0xff) == 0xAF) return "a 7-Zip archive; extract it first";
        if (n >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') return "a bzip2 file; decompress it, or use gzip";
        if (n >= 6 && (h[0] & 0xff) == 0xFD && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z') return "an xz file; decompress it, or use gzip";
        if (n >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xB5 && (h[2] & 0xff) == 0x2F && (h[3] & 0xff) == 0xFD) {
            return "a zstd file; decompress it, or use gzip";
        }
        if (n >= 5 && h[0] == '%' && h[1] == 'P' && h[2] == 'D' && h[3] == 'F' && h[4] == '-') return "a PDF document";
        return null;
    }

    /** A gzip stream that ends, instead of throwing, where the data ends early or turns corrupt. */
    private static final class TolerantGzip extends FilterInputStream {
        private final Damage damage;
        private boolean ended;

        TolerantGzip(InputStream in, Damage damage) throws IOException {
            super(new GZIPInputStream(in, 1 << 16));
            this.damage = damage;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) return -1;
            try {
                return super.read(b, off, len);
            } catch (EOFException e) {
                ended = true;
                damage.add("the gzip data ends unexpectedly (truncated file?); the records before the cut were read");
                return -1;
            } catch (ZipException e) {
                ended = true;
                damage.add("corrupt gzip data (" + e.getMessage() + "); the records before it were read");
                return -1;
            }
        }
    }

    /**
     * Re-encodes UTF-16 (or an ANSI code page) as UTF-8 bytes. A broken character in the middle becomes U+FFFD;
     * half a character at the very end (a cut file) is dropped. Both are noted.
     */
    private static final class Utf8Transcoder extends InputStream {
        private final InputStream in;
        private final Damage damage;
        private final CharsetDecoder decoder;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        private final ByteBuffer raw = ByteBuffer.allocate(16384);
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private final ByteBuffer bytes = ByteBuffer.allocate(32768);
        private boolean eof, flushed;

        Utf8Transcoder(InputStream in, Charset from, Damage damage) {
            this.in = in;
            this.damage = damage;
            this.decoder = from.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            raw.flip();
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
                if (flushed && !chars.hasRemaining()) return -1;
                fill();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        private void fill() throws IOException {
            if (!eof) {
                raw.compact();
                int r = in.read(raw.array(), raw.position(), raw.remaining());
                if (r < 0) eof = true;
                else raw.position(raw.position() + r);
                raw.flip();
            }
            chars.compact();
            while (true) {
                CoderResult cr = decoder.decode(raw, chars, eof);
                if (!cr.isMalformed()) break;
                if (eof && raw.remaining() <= cr.length()) {
                    damage.add("the text ends in the middle of a character (truncated file?); the broken end was dropped");
                    raw.position(raw.limit());
                } else {
                    damage.add("invalid " + decoder.charset().name() + " text; the broken characters were replaced with \uFFFD");
                    raw.position(raw.position() + cr.length());
                    if (chars.hasRemaining()) chars.put('\uFFFD');
                }
            }
            if (eof && !raw.hasRemaining()) {
                decoder.flush(chars);
                flushed = true;
            }
            chars.flip();
            bytes.clear();
            CoderResult cr = encoder.encode(chars, bytes, flushed);
            if (cr.isError()) cr.throwException();
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

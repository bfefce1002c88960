package io.aitmdefense.detect.enrich;

import io.aitmdefense.events.IpAddress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * IP ranges mapped to ASNs, held in primitive arrays and searched by binary search. Each entry is the start of a
 * run of addresses that belong to one ASN (or to none: a gap); the run ends where the next entry starts. IPv6 is
 * kept at /64 granularity: routing never splits below it, and 64 bits fit a {@code long}.
 *
 * <p>Starts are stored with the sign bit flipped so that unsigned address order is signed {@code int}/{@code long}
 * order and {@link Arrays#binarySearch} applies unchanged.
 *
 * <p>File format (gzip of): magic {@code ASN1}; source text; ASN count, then per ASN its number as a delta from the
 * previous one and its owner; IPv4 count, then per run the start as a delta from the previous start and the ASN's
 * index + 1 (0 for a gap); the same for IPv6 with 64-bit starts. Numbers are unsigned LEB128 varints, text is a
 * varint length and UTF-8 bytes. The writer lives beside the tests ({@code AsnRangeTableWriter}).
 */
final class AsnRangeTable {
    static final int MAGIC = 0x41534E31; // "ASN1"
    private static final int GAP = -1;

    private final String source;
    private final AsnDatabase.AsnRecord[] records;
    private final int[] v4Starts;
    private final int[] v4Asn;
    private final long[] v6Starts;
    private final int[] v6Asn;

    private AsnRangeTable(String source, AsnDatabase.AsnRecord[] records, int[] v4Starts, int[] v4Asn,
                          long[] v6Starts, int[] v6Asn) {
        this.source = source;
        this.records = records;
        this.v4Starts = v4Starts;
        this.v4Asn = v4Asn;
        this.v6Starts = v6Starts;
        this.v6Asn = v6Asn;
    }

    /** Reads a gzip-compressed table; {@code name} is used in error messages. */
    static AsnRangeTable read(InputStream gzip, String name) throws IOException {
        byte[] bytes;
        try (InputStream in = new GZIPInputStream(gzip, 1 << 16)) {
            bytes = in.readAllBytes();
        }
        Cursor c = new Cursor(bytes, name);
        if (c.fixedInt() != MAGIC) throw new IOException(name + ": not an ASN range table (bad magic number)");
        String source = c.text();

        AsnDatabase.AsnRecord[] records = new AsnDatabase.AsnRecord[c.count()];
        int asn = 0;
        for (int i = 0; i < records.length; i++) {
            asn += (int) c.varint();
            records[i] = new AsnDatabase.AsnRecord(asn, c.text());
        }

        int[] v4Starts = new int[c.count()];
        int[] v4Asn = new int[v4Starts.length];
        long start = 0;
        for (int i = 0; i < v4Starts.length; i++) {
            start += c.varint();
            v4Starts[i] = (int) start ^ Integer.MIN_VALUE;
            v4Asn[i] = c.asnIndex(records.length);
        }

        long[] v6Starts = new long[c.count()];
        int[] v6Asn = new int[v6Starts.length];
        start = 0;
        for (int i = 0; i < v6Starts.length; i++) {
            start += c.varint();
            v6Starts[i] = start ^ Long.MIN_VALUE;
            v6Asn[i] = c.asnIndex(records.length);
        }
        if (!c.atEnd()) throw new IOException(name + ": trailing bytes after the IPv6 ranges (corrupt file)");
        return new AsnRangeTable(source, records, v4Starts, v4Asn, v6Starts, v6Asn);
    }

    String source() {
        return source;
    }

    int v4Runs() {
        return v4Starts.length;
    }

    int v6Runs() {
        return v6Starts.length;
    }

    int asnCount() {
        return records.length;
    }

    /** The owner name of an ASN, by binary search over the ASN-sorted records. */
    Optional<String> ownerOf(int asn) {
        int lo = 0, hi = records.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int a = records[mid].asn();
            if (a < asn) lo = mid + 1;
            else if (a > asn) hi = mid - 1;
            else return Optional.of(records[mid].owner());
        }
        return Optional.empty();
    }

    Optional<AsnDatabase.AsnRecord> lookup(String normalisedIp) {
        if (normalisedIp.isEmpty()) return Optional.empty();
        if (!IpAddress.isV6(normalisedIp)) {
            long ip = IpAddress.v4ToLong(normalisedIp);
            if (ip < 0) return Optional.empty();
            return at(v4Asn, floor(Arrays.binarySearch(v4Starts, (int) ip ^ Integer.MIN_VALUE)));
        }
        int[] h = IpAddress.hextets(normalisedIp);
        if (h == null) return Optional.empty();
        return at(v6Asn, floor(Arrays.binarySearch(v6Starts, prefix64(h) ^ Long.MIN_VALUE)));
    }

    static long prefix64(int[] hextets) {
        return ((long) hextets[0] << 48) | ((long) hextets[1] << 32) | ((long) hextets[2] << 16) | hextets[3];
    }

    /** The index of the run containing the key, from a binary search result; -1 when before the first run. */
    private static int floor(int searchResult) {
        return searchResult >= 0 ? searchResult : -searchResult - 2;
    }

    private Optional<AsnDatabase.AsnRecord> at(int[] asnIndex, int run) {
        if (run < 0 || asnIndex[run] == GAP) return Optional.empty();
        return Optional.of(records[asnIndex[run]]);
    }

    private static final class Cursor {
        private final byte[] b;
        private final String name;
        private int pos;

        Cursor(byte[] b, String name) {
            this.b = b;
            this.name = name;
        }

        int fixedInt() throws IOException {
            need(4);
            int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        long varint() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                need(1);
                byte x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) return v;
            }
            throw new IOException(name + ": varint longer than 64 bits at byte " + pos + " (corrupt file)");
        }

        int count() throws IOException {
            long n = varint();
            if (n > b.length - pos) throw new IOException(name + ": count " + n + " exceeds the file (corrupt file)");
            return (int) n;
        }

        int asnIndex(int records) throws IOException {
            long i = varint() - 1;
            if (i >= records) throw new IOException(name + ": ASN index " + i + " out of range at byte " + pos);
            return (int) i;
        }

        String text() throws IOException {
            int n = count();
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        boolean atEnd() {
            return pos == b.length;
        }

        private void need(int n) throws IOException {
            if (pos + n > b.length) throw new IOException(name + ": unexpected end of file at byte " + pos);
        }
    }
}

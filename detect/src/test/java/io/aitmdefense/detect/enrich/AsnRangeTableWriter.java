package io.aitmdefense.detect.enrich;

import io.aitmdefense.events.IpAddress;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Compiles the {@code @ip-location-db/asn} CSV files into the table {@link AsnRangeTable} reads. Run by
 * {@code scripts/build-asn-db.sh}; kept with the tests because it is a build tool, not part of the product, and
 * so that a round-trip test holds the writer and the reader to one format.
 *
 * <p>Adjacent ranges of one ASN are merged; IPv6 ranges are cut to /64 prefixes, and a range smaller than a /64
 * that shares its /64 with an earlier one is dropped (counted in the summary). Each ASN gets the owner name that
 * most of its ranges carry. The output is deterministic: the same CSV gives the same bytes.
 */
final class AsnRangeTableWriter {

    /** Inclusive range: IPv4 as a 32-bit value, IPv6 as the unsigned top 64 bits. */
    record Range(long start, long end, long asn, String owner) {
    }

    record Summary(int asns, int v4Rows, int v4Runs, int v6Rows, int v6Runs, int v6Dropped, int reservedRows, int bytes) {
    }

    /**
     * Whether an ASN names one network. Private-use (RFC 6996), documentation (RFC 5398), AS_TRANS (RFC 6793) and
     * reserved (RFC 7300) numbers are announced by many unrelated networks, so two addresses carrying one of them
     * are not "the same network"; their ranges are left out and such addresses count as unknown.
     */
    static boolean globallyUnique(long asn) {
        if (asn <= 0 || asn == 23456) return false;
        if (asn >= 64496 && asn <= 131071) return false;
        return asn < 4_200_000_000L;
    }

    private AsnRangeTableWriter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: AsnRangeTableWriter <asn-ipv4.csv> <asn-ipv6.csv> <out.bin.gz> <source text>");
            System.exit(2);
        }
        List<Range> v4 = readCsv(Path.of(args[0]), false);
        List<Range> v6 = readCsv(Path.of(args[1]), true);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary s = write(args[3], v4, v6, buf);
        Files.write(Path.of(args[2]), buf.toByteArray());
        System.out.println(s);
    }

    static List<Range> readCsv(Path csv, boolean v6) throws IOException {
        List<Range> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                try {
                    out.add(parse(line, v6));
                } catch (RuntimeException e) {
                    throw new IOException(csv + ":" + lineNo + ": " + e.getMessage() + " in '" + line + "'", e);
                }
            }
        }
        return out;
    }

    static Range parse(String line, boolean v6) {
        int a = line.indexOf(',');
        int b = line.indexOf(',', a + 1);
        int c = line.indexOf(',', b + 1);
        if (a < 0 || b < 0 || c < 0) throw new IllegalArgumentException("expected start,end,asn,org");
        String owner = line.substring(c + 1).trim();
        if (owner.length() >= 2 && owner.startsWith("\"") && owner.endsWith("\"")) {
            owner = owner.substring(1, owner.length() - 1).replace("\"\"", "\"");
        }
        long asn = Long.parseLong(line.substring(b + 1, c).trim());
        if (asn < 0 || asn > 0xffffffffL) throw new IllegalArgumentException("ASN " + asn + " is out of range");
        return new Range(address(line.substring(0, a), v6), address(line.substring(a + 1, b), v6), asn, owner);
    }

    private static long address(String text, boolean v6) {
        String ip = IpAddress.normalise(text);
        if (ip.isEmpty() || IpAddress.isV6(ip) != v6) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv" + (v6 ? 6 : 4) + " address");
        }
        if (!v6) return IpAddress.v4ToLong(ip);
        return AsnRangeTable.prefix64(IpAddress.hextets(ip));
    }

    static Summary write(String source, List<Range> allV4, List<Range> allV6, OutputStream target) throws IOException {
        List<Range> v4 = allV4.stream().filter(r -> globallyUnique(r.asn())).toList();
        List<Range> v6 = allV6.stream().filter(r -> globallyUnique(r.asn())).toList();
        int reserved = allV4.size() + allV6.size() - v4.size() - v6.size();
        for (List<Range> list : List.of(v4, v6)) {
            for (Range r : list) {
                if (r.asn() > Integer.MAX_VALUE) {
                    throw new IOException("ASN " + r.asn() + " is above 2^31: no registry allocates numbers this high yet,"
                            + " and AsnRecord holds an int; widen AsnRecord.asn before building this table");
                }
            }
        }
        Map<Long, String> owners = owners(v4, v6);
        Map<Long, Integer> index = new HashMap<>();
        for (Long asn : owners.keySet()) index.put(asn, index.size());

        ByteArrayOutputStream raw = new ByteArrayOutputStream(1 << 22);
        fixedInt(raw, AsnRangeTable.MAGIC);
        text(raw, source);
        varint(raw, owners.size());
        long previous = 0;
        for (Map.Entry<Long, String> e : owners.entrySet()) {
            varint(raw, e.getKey() - previous);
            previous = e.getKey();
            text(raw, e.getValue());
        }
        Runs r4 = Runs.compile(v4, 0xffffffffL, index);
        Runs r6 = Runs.compile(v6, -1L, index);
        r4.writeTo(raw);
        r6.writeTo(raw);

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            raw.writeTo(out);
        }
        gz.writeTo(target);
        return new Summary(owners.size(), v4.size(), r4.size(), v6.size(), r6.size(), r6.dropped, reserved, gz.size());
    }

    /** The owner name most ranges of each ASN carry; ties go to the alphabetically first, for determinism. */
    private static Map<Long, String> owners(List<Range> v4, List<Range> v6) {
        Map<Long, Map<String, Integer>> votes = new TreeMap<>();
        for (List<Range> list : List.of(v4, v6)) {
            for (Range r : list) votes.computeIfAbsent(r.asn(), k -> new TreeMap<>()).merge(r.owner(), 1, Integer::sum);
        }
        Map<Long, String> owners = new TreeMap<>();
        votes.forEach((asn, names) -> owners.put(asn, names.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey()));
        return owners;
    }

    /** Start of each run and its ASN index + 1 (0 = gap), in unsigned address order. */
    private static final class Runs {
        private final List<long[]> runs = new ArrayList<>();
        private int dropped;

        static Runs compile(List<Range> ranges, long max, Map<Long, Integer> index) {
            List<Range> sorted = new ArrayList<>(ranges);
            sorted.sort((x, y) -> Long.compareUnsigned(x.start(), y.start()));
            Runs out = new Runs();
            boolean any = false;
            long lastEnd = 0;
            int lastAsn = -1;
            for (Range r : sorted) {
                long start = r.start();
                if (any && Long.compareUnsigned(start, lastEnd) <= 0) {
                    if (lastEnd == max || Long.compareUnsigned(lastEnd + 1, r.end()) > 0) {
                        out.dropped++;
                        continue;
                    }
                    start = lastEnd + 1;
                }
                int asn = index.get(r.asn()) + 1;
                boolean gap = any && start != lastEnd + 1;
                if (gap) out.runs.add(new long[] {lastEnd + 1, 0});
                if (gap || asn != lastAsn) out.runs.add(new long[] {start, asn});
                lastEnd = r.end();
                lastAsn = asn;
                any = true;
            }
            if (any && lastEnd != max) out.runs.add(new long[] {lastEnd + 1, 0});
            return out;
        }

        int size() {
            return runs.size();
        }

        void writeTo(ByteArrayOutputStream out) {
            varint(out, runs.size());
            long previous = 0;
            for (long[] run : runs) {
                varint(out, run[0] - previous);
                previous = run[0];
                varint(out, run[1]);
            }
        }
    }

    private static void fixedInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(out, b.length);
        out.write(b, 0, b.length);
    }
}

package io.aitmdefense.detect.enrich;

import io.aitmdefense.events.IpAddress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small, valid MaxMind DB file (format 2.0) for tests, since MaxMind publishes no writer for Java and
 * tests must not download one. An IPv6 tree with IPv4 under {@code ::/96}, 32-bit records, and a data section of
 * maps with string and unsigned-integer values: enough for ASN databases. Spec:
 * https://maxmind.github.io/MaxMind-DB/
 */
final class MmdbTestFile {
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    private final String databaseType;
    private final Node root = new Node();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    private static final class Node {
        final Object[] child = new Object[2]; // null (empty), Node, or Integer (offset into the data section)
    }

    MmdbTestFile(String databaseType) {
        this.databaseType = databaseType;
    }

    /** Maps a CIDR ({@code 8.8.8.0/24}, {@code 2001:4860::/32}) to a record; insert wider networks first. */
    MmdbTestFile put(String cidr, Map<String, Object> record) {
        int offset = data.size();
        writeValue(data, record);
        int slash = cidr.indexOf('/');
        String ip = IpAddress.normalise(cidr.substring(0, slash));
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        int[] bits = new int[128];
        if (IpAddress.isV6(ip)) {
            int[] h = IpAddress.hextets(ip);
            for (int i = 0; i < 128; i++) bits[i] = (h[i / 16] >>> (15 - i % 16)) & 1;
        } else {
            long v = IpAddress.v4ToLong(ip);
            for (int i = 0; i < 32; i++) bits[96 + i] = (int) (v >>> (31 - i)) & 1;
            prefix += 96;
        }
        Node n = root;
        for (int depth = 0; depth < prefix - 1; depth++) {
            Object next = n.child[bits[depth]];
            if (!(next instanceof Node)) {
                Node split = new Node();
                split.child[0] = next; // a wider network's record stays on both sides
                split.child[1] = next;
                n.child[bits[depth]] = split;
                next = split;
            }
            n = (Node) next;
        }
        n.child[bits[prefix - 1]] = offset;
        return this;
    }

    Path writeTo(Path file) throws IOException {
        List<Node> order = new ArrayList<>();
        Map<Node, Integer> ids = new IdentityHashMap<>();
        ArrayDeque<Node> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            ids.put(n, order.size());
            order.add(n);
            for (Object c : n.child) if (c instanceof Node child) queue.add(child);
        }
        int nodeCount = order.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : order) {
            for (Object c : n.child) {
                long record = c == null ? nodeCount
                        : c instanceof Node child ? ids.get(child) : nodeCount + 16L + (Integer) c;
                writeFixed(out, record, 4);
            }
        }
        out.write(new byte[16]);
        data.writeTo(out);
        out.write(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", new Uint16(2));
        metadata.put("binary_format_minor_version", new Uint16(0));
        metadata.put("build_epoch", new Uint64(1_764_547_200L));
        metadata.put("database_type", databaseType);
        metadata.put("description", Map.of("en", "test database"));
        metadata.put("ip_version", new Uint16(6));
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", (long) nodeCount);
        metadata.put("record_size", new Uint16(32));
        writeValue(out, metadata);
        return Files.write(file, out.toByteArray());
    }

    record Uint16(int value) {
    }

    record Uint64(long value) {
    }

    /** Strings, maps, lists; {@code Long}/{@code Integer} as uint32; {@link Uint16}, {@link Uint64}. */
    private static void writeValue(ByteArrayOutputStream out, Object value) {
        if (value instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.write(b, 0, b.length);
        } else if (value instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            m.forEach((k, v) -> {
                writeValue(out, k.toString());
                writeValue(out, v);
            });
        } else if (value instanceof List<?> l) {
            control(out, 11, l.size());
            l.forEach(v -> writeValue(out, v));
        } else if (value instanceof Uint16 u) {
            unsigned(out, 5, u.value());
        } else if (value instanceof Uint64 u) {
            unsigned(out, 9, u.value());
        } else if (value instanceof Number n) {
            unsigned(out, 6, n.longValue());
        } else {
            throw new IllegalArgumentException("unsupported value " + value);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, int type, long v) {
        int len = 0;
        for (long x = v; x != 0; x >>>= 8) len++;
        control(out, type, len);
        writeFixed(out, v, len);
    }

    /** The control byte: type in the top three bits (0 = extended, type in the next byte), size below. */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        if (size >= 285) throw new IllegalArgumentException("test values are short");
        int sizeBits = size < 29 ? size : 29;
        out.write(((type <= 7 ? type : 0) << 5) | sizeBits);
        if (type > 7) out.write(type - 7);
        if (size >= 29) out.write(size - 29);
    }

    private static void writeFixed(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) out.write((int) (v >>> (8 * i)));
    }
}

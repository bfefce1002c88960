package io.aitmdefense.detect.enrich;

import com.maxmind.db.Reader;
import io.aitmdefense.events.IpAddress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A user-supplied MaxMind-format ASN database, to refresh or replace the bundled one. Reads the field names of
 * MaxMind GeoLite2-ASN and of ip-location-db ({@code autonomous_system_number}, {@code autonomous_system_organization})
 * and of IPinfo ({@code asn} as {@code "AS15169"}, {@code as_name} or {@code name}).
 *
 * <p>The file is read into memory when opened, so nothing stays open and a file replaced during a run does not
 * change answers half-way.
 */
public final class MaxMindAsnDatabase implements AsnDatabase {
    private static final String WHAT_TO_DO = "give the path of a GeoLite2-ASN or IPinfo ASN .mmdb file"
            + " (tenant.asnDatabase in the config, or the command-line option), or remove the setting to use the"
            + " bundled database";

    private final Path file;
    private final Reader reader;
    private final boolean ipv6;

    private MaxMindAsnDatabase(Path file, Reader reader) {
        this.file = file;
        this.reader = reader;
        this.ipv6 = reader.getMetadata().getIpVersion() == 6;
    }

    /** Opens and validates the file; the message of a failure names the file, the reason and what to do. */
    public static MaxMindAsnDatabase open(Path file) throws IOException {
        if (!Files.exists(file)) throw new IOException(file + ": ASN database not found; " + WHAT_TO_DO);
        if (!Files.isRegularFile(file)) throw new IOException(file + ": ASN database is not a file; " + WHAT_TO_DO);
        if (!Files.isReadable(file)) throw new IOException(file + ": ASN database is not readable; " + WHAT_TO_DO);
        try {
            return new MaxMindAsnDatabase(file, new Reader(file.toFile(), Reader.FileMode.MEMORY));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a valid MaxMind DB (.mmdb) file (" + e.getMessage() + "); " + WHAT_TO_DO, e);
        }
    }

    /** The database type and build date from the file's metadata, e.g. {@code GeoLite2-ASN built 2026-11-30}. */
    public String describe() {
        return file + ": " + reader.getMetadata().getDatabaseType() + " built "
                + reader.getMetadata().getBuildDate().toInstant().toString().substring(0, 10);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<AsnRecord> lookup(String normalisedIp) {
        Optional<InetAddress> address = address(normalisedIp);
        if (address.isEmpty()) return Optional.empty();
        Map<String, Object> data;
        try {
            data = reader.get(address.get(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": corrupt ASN database while looking up " + normalisedIp, e);
        }
        return data == null ? Optional.empty() : record(data);
    }

    private static Optional<AsnRecord> record(Map<String, Object> data) {
        int asn = asn(data.get("autonomous_system_number"));
        if (asn <= 0) asn = asn(data.get("asn"));
        if (asn <= 0) return Optional.empty();
        Object owner = data.get("autonomous_system_organization");
        if (owner == null) owner = data.get("as_name");
        if (owner == null) owner = data.get("name");
        return Optional.of(new AsnRecord(asn, owner == null ? "" : owner.toString()));
    }

    private static int asn(Object value) {
        if (value instanceof Number n) return n.longValue() > Integer.MAX_VALUE ? 0 : n.intValue();
        if (value instanceof String s) {
            String digits = s.trim().replaceFirst("(?i)^AS", "");
            if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) return 0;
            long v = Long.parseLong(digits);
            return v > Integer.MAX_VALUE ? 0 : (int) v;
        }
        return 0;
    }

    /** The address as bytes, without any name lookup; empty for malformed text or IPv6 in an IPv4-only file. */
    private Optional<InetAddress> address(String normalisedIp) {
        if (normalisedIp.isEmpty()) return Optional.empty();
        byte[] bytes;
        if (!IpAddress.isV6(normalisedIp)) {
            long v = IpAddress.v4ToLong(normalisedIp);
            if (v < 0) return Optional.empty();
            bytes = new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        } else {
            int[] h = IpAddress.hextets(normalisedIp);
            if (h == null || !ipv6) return Optional.empty();
            bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[2 * i] = (byte) (h[i] >>> 8);
                bytes[2 * i + 1] = (byte) h[i];
            }
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address was rejected", e);
        }
    }
}

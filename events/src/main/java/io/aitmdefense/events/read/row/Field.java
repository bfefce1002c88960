package io.aitmdefense.events.read.row;

import java.util.List;

/**
 * A column or property the mappers read, under all its spellings. Names match case-insensitively, so
 * {@code IPAddress} (Log Analytics) and {@code ipAddress} (diagnostic settings, Graph) are one name; only
 * genuinely different spellings ({@code ResourceIdentity} / {@code resourceId}) need aliases.
 */
public final class Field {
    final int id;
    final List<String> names;
    private final long lengths;

    Field(int id, List<String> names) {
        this.id = id;
        this.names = names;
        long l = 0;
        for (String n : names) l |= 1L << Math.min(n.length(), 63);
        this.lengths = l;
    }

    /**
     * Whether a name of {@code n} bytes may denote this field (names are ASCII): a scanner looking for one field
     * rules out most keys by length before hashing them.
     */
    public boolean mayHaveLength(int n) {
        return (lengths & (1L << Math.min(n, 63))) != 0;
    }

    public int id() {
        return id;
    }

    public String name() {
        return names.get(0);
    }

    @Override
    public String toString() {
        return name();
    }
}

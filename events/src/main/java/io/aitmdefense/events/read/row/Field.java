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

    Field(int id, List<String> names) {
        this.id = id;
        this.names = names;
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

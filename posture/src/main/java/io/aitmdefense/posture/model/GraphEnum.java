package io.aitmdefense.posture.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Enums whose members have a Graph wire name. Exports spell the same value {@code all} and {@code All}, so lookup is
 * case-insensitive; aliases cover deprecated names that Graph still returns.
 */
public interface GraphEnum {

    /** The Graph spelling used when the value is written back out. */
    String graphName();

    /** Deprecated names that mean the same member; empty for most. */
    default String[] aliases() {
        return new String[0];
    }

    static <E extends Enum<E> & GraphEnum> Optional<E> parse(Class<E> type, String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.graphName().toLowerCase(Locale.ROOT).equals(wanted)) return Optional.of(e);
            for (String alias : e.aliases()) {
                if (alias.toLowerCase(Locale.ROOT).equals(wanted)) return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}

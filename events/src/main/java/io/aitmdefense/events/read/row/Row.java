package io.aitmdefense.events.read.row;

import io.aitmdefense.events.LogId;
import io.aitmdefense.events.codec.ValueMemo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One record's fields, whatever the container (JSON object, CSV row with JSON cells). Complex values may be
 * objects, arrays, JSON text inside a string, empty strings or missing: every accessor accepts all of these
 * and returns an empty value rather than null.
 */
public interface Row {

    boolean has(Field f);

    /** Text of a scalar (strings unescaped, numbers and booleans as written), the JSON text of a complex value, or "". */
    String text(Field f);

    /**
     * The {@link #text} as an id. A JSON row reads a GUID or token id straight from its bytes, without the string: a
     * sign-in names three ids that are new on every row.
     */
    default LogId id(Field f) {
        return LogId.of(text(f));
    }

    /** A nested object, decoding JSON text when the value is a string; {@link #EMPTY} when absent. */
    Row object(Field f);

    /** An array of objects, decoding JSON text when needed; empty when absent. */
    List<Row> objects(Field f);

    /**
     * The elements of an array of objects (as {@link #objects}) whose {@code key} text passes {@code keep}. For arrays
     * where most elements are dropped (Conditional Access results, processing details): a JSON row reads only the key
     * of a dropped element and builds no row for it.
     */
    default List<Row> objectsWhere(Field f, Field key, Predicate<String> keep) {
        List<Row> kept = new ArrayList<>();
        for (Row r : objects(f)) if (keep.test(r.text(key))) kept.add(r);
        return kept;
    }

    /**
     * {@code read} applied to this row, or what it gave for an earlier row whose field {@code f} held the same bytes:
     * for long values that repeat from record to record. {@code read} must look at field {@code f} alone and return an
     * immutable value (it may be shared by many events and threads). Rows that cannot tell their raw bytes just read.
     */
    default <T> T memoized(Field f, ValueMemo<T> memo, Function<Row, T> read) {
        return read.apply(this);
    }

    /** An array of strings (or a JSON-text array, or a single string); empty when absent. */
    List<String> strings(Field f);

    /** The field names present, for error messages about unknown shapes. */
    List<String> names();

    default boolean isEmpty() {
        return names().isEmpty();
    }

    default long number(Field f, long fallback) {
        String t = text(f).trim();
        if (t.isEmpty()) return fallback;
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(t);
            } catch (NumberFormatException e2) {
                return fallback;
            }
        }
    }

    default boolean bool(Field f) {
        String t = text(f).trim();
        return t.equalsIgnoreCase("true") || t.equals("1");
    }

    /** First non-empty text among the fields. */
    default String first(Field... fields) {
        for (Field f : fields) {
            String t = text(f);
            if (!t.isEmpty()) return t;
        }
        return "";
    }

    Row EMPTY = new Row() {
        public boolean has(Field f) { return false; }
        public String text(Field f) { return ""; }
        public Row object(Field f) { return EMPTY; }
        public List<Row> objects(Field f) { return List.of(); }
        public List<String> strings(Field f) { return List.of(); }
        public List<String> names() { return List.of(); }
    };
}

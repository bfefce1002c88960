package io.aitmdefense.events.read.json;

import io.aitmdefense.events.LogId;
import io.aitmdefense.events.codec.ValueMemo;
import io.aitmdefense.events.read.row.Field;
import io.aitmdefense.events.read.row.Fields;
import io.aitmdefense.events.read.row.Row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A JSON object read in one pass: the spans of registered fields are remembered, every other value is skipped.
 * Values are decoded only when a mapper asks for them; nested objects are parsed on demand from the same bytes.
 */
public final class JsonRow implements Row {
    private final byte[] buf;
    private final int objStart;
    private int objEnd;
    private int count;
    private int[] ids, starts, ends;
    /** Which field ids are present: the duplicate check on put and most misses on find cost one bit test. */
    private final long[] present = new long[(Fields.count() + 63) >>> 6];

    private JsonRow(byte[] buf, int objStart, int capacity) {
        this.buf = buf;
        this.objStart = objStart;
        ids = new int[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
    }

    /** Parses the object starting at {@code start} (leading whitespace allowed); the object must end before {@code end}. */
    public static JsonRow parse(byte[] buf, int start, int end) {
        int i = JsonBytes.skipWhitespace(buf, start, end);
        if (i >= end || buf[i] != '{') throw new JsonSyntaxError("expected a JSON object", i);
        // a registered field takes at least ~40 bytes of JSON, so this rarely grows and small nested objects stay small
        JsonRow row = new JsonRow(buf, i, Math.min(64, Math.max(8, (end - i) >>> 6)));
        row.scan(i, end);
        return row;
    }

    public static JsonRow parse(byte[] text) {
        return parse(text, 0, text.length);
    }

    /** Index of the opening brace in the buffer. */
    public int start() {
        return objStart;
    }

    /** Index just past the closing brace. */
    public int end() {
        return objEnd;
    }

    private void scan(int i, int end) {
        i++; // '{'
        while (true) {
            i = JsonBytes.skipWhitespace(buf, i, end);
            if (i >= end) throw new JsonSyntaxError("object not closed (truncated record?)", i);
            byte c = buf[i];
            if (c == '}') {
                objEnd = i + 1;
                return;
            }
            if (c != '"') throw new JsonSyntaxError("expected a property name", i);
            int keyEnd = JsonBytes.skipString(buf, i, end);
            int id = Fields.lookup(buf, i + 1, keyEnd - 1);
            i = JsonBytes.skipWhitespace(buf, keyEnd, end);
            if (i >= end || buf[i] != ':') throw new JsonSyntaxError("expected ':' after a property name", i);
            i = JsonBytes.skipWhitespace(buf, i + 1, end);
            int valueEnd = JsonBytes.skipValue(buf, i, end);
            if (id >= 0) put(id, i, valueEnd);
            i = JsonBytes.skipWhitespace(buf, valueEnd, end);
            if (i < end && buf[i] == ',') {
                i++;
            } else if (i >= end || buf[i] != '}') {
                throw new JsonSyntaxError(i >= end ? "object not closed (truncated record?)" : "expected ',' or '}'", i);
            }
        }
    }

    private void put(int id, int s, int e) {
        long bit = 1L << id;
        if ((present[id >>> 6] & bit) != 0) {
            // the same field again (case variants, aliases): a blank value gives way to a filled one
            int k = find(id);
            if (isBlank(starts[k], ends[k])) {
                starts[k] = s;
                ends[k] = e;
            }
            return;
        }
        present[id >>> 6] |= bit;
        if (count == ids.length) {
            ids = java.util.Arrays.copyOf(ids, count * 2);
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        ids[count] = id;
        starts[count] = s;
        ends[count] = e;
        count++;
    }

    private boolean isBlank(int s, int e) {
        return isBlank(buf, s, e);
    }

    private static boolean isBlank(byte[] b, int s, int e) {
        byte c = b[s];
        return c == 'n' || (c == '"' && e - s == 2);
    }

    private int find(Field f) {
        int id = f.id();
        if ((present[id >>> 6] & (1L << id)) == 0) return -1;
        return find(id);
    }

    private int find(int id) {
        for (int k = 0; k < count; k++) if (ids[k] == id) return k;
        return -1;
    }

    @Override
    public boolean isEmpty() {
        return JsonBytes.skipWhitespace(buf, objStart + 1, objEnd) >= objEnd - 1;
    }

    @Override
    public boolean has(Field f) {
        int k = find(f);
        return k >= 0 && !isBlank(starts[k], ends[k]);
    }

    @Override
    public String text(Field f) {
        int k = find(f);
        if (k < 0) return "";
        return text(buf, starts[k], ends[k]);
    }

    /** Text of the value at [s, e): a string unescaped, null as "", anything else as written. */
    private static String text(byte[] b, int s, int e) {
        byte c = b[s];
        if (c == '"') return JsonBytes.decodeString(b, s, e);
        if (c == 'n') return "";
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    @Override
    public LogId id(Field f) {
        int k = find(f);
        if (k < 0) return LogId.NONE;
        int s = starts[k], e = ends[k];
        // a quoted string without escapes is its own UTF-8 (ids have no escapes; one that does is read as text)
        if (buf[s] == '"' && JsonBytes.indexOf(buf, (byte) '\\', s + 1, e - 1) < 0) return LogId.utf8(buf, s + 1, e - s - 2);
        return LogId.of(text(buf, s, e));
    }

    @Override
    public Row object(Field f) {
        int k = find(f);
        if (k < 0) return EMPTY;
        int s = starts[k], e = ends[k];
        byte c = buf[s];
        if (c == '{') return parse(buf, s, e);
        if (c == '"') {
            byte[] inner = new byte[e - s - 2];
            int n = JsonBytes.unescapeInto(buf, s + 1, e - 1, inner);
            int i = JsonBytes.skipWhitespace(inner, 0, n);
            if (i < n && inner[i] == '{') return parse(inner, i, n);
        }
        return EMPTY;
    }

    @Override
    public List<Row> objects(Field f) {
        return objects(f, null, null);
    }

    @Override
    public List<Row> objectsWhere(Field f, Field key, Predicate<String> keep) {
        return objects(f, key, keep);
    }

    /** Elements of the array (or the one object) in field f; with a key, only those whose key text passes keep. */
    private List<Row> objects(Field f, Field key, Predicate<String> keep) {
        int k = find(f);
        if (k < 0) return List.of();
        int s = starts[k], e = ends[k];
        byte c = buf[s];
        if (c == '[') return objectsOf(buf, s, e, key, keep);
        if (c == '{') return single(parse(buf, s, e), key, keep);
        if (c == '"') {
            if (e - s == 4 && buf[s + 1] == '[' && buf[s + 2] == ']') return List.of(); // "[]": nothing to decode
            if (key != null) {
                List<Row> kept = EscapedJsonArray.filter(buf, s + 1, e - 1, key, keep);
                if (kept != null) return kept;
            }
            byte[] inner = new byte[e - s - 2];
            int n = JsonBytes.unescapeInto(buf, s + 1, e - 1, inner);
            int i = JsonBytes.skipWhitespace(inner, 0, n);
            if (i >= n) return List.of();
            if (inner[i] == '[') return objectsOf(inner, i, n, key, keep);
            if (inner[i] == '{') return single(parse(inner, i, n), key, keep);
        }
        return List.of();
    }

    private static List<Row> single(JsonRow row, Field key, Predicate<String> keep) {
        return key == null || keep.test(row.text(key)) ? List.of(row) : List.of();
    }

    @Override
    public <T> T memoized(Field f, ValueMemo<T> memo, Function<Row, T> read) {
        int k = find(f);
        if (k < 0) return read.apply(this);
        int s = starts[k], e = ends[k];
        T known = memo.get(buf, s, e);
        if (known != null) return known;
        T value = read.apply(this);
        memo.put(buf, s, e, value);
        return value;
    }

    @Override
    public List<String> strings(Field f) {
        int k = find(f);
        if (k < 0) return List.of();
        int s = starts[k], e = ends[k];
        byte c = buf[s];
        if (c == '[') return stringsOf(buf, s, e);
        if (c == '"') {
            if (e - s == 4 && buf[s + 1] == '[' && buf[s + 2] == ']') return List.of();
            byte[] inner = new byte[e - s - 2];
            int n = JsonBytes.unescapeInto(buf, s + 1, e - 1, inner);
            int i = JsonBytes.skipWhitespace(inner, 0, n);
            if (i >= n) return List.of();
            if (inner[i] == '[') return stringsOf(inner, i, n);
            return List.of(new String(inner, 0, n, StandardCharsets.UTF_8));
        }
        if (c == 'n') return List.of();
        return List.of(new String(buf, s, e - s, StandardCharsets.UTF_8));
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        int i = objStart + 1;
        try {
            while (true) {
                i = JsonBytes.skipWhitespace(buf, i, objEnd);
                if (i >= objEnd || buf[i] != '"') return names;
                int keyEnd = JsonBytes.skipString(buf, i, objEnd);
                names.add(JsonBytes.decodeString(buf, i, keyEnd));
                i = JsonBytes.skipWhitespace(buf, keyEnd, objEnd) + 1;
                i = JsonBytes.skipValue(buf, JsonBytes.skipWhitespace(buf, i, objEnd), objEnd);
                i = JsonBytes.skipWhitespace(buf, i, objEnd);
                if (i < objEnd && buf[i] == ',') i++;
            }
        } catch (JsonSyntaxError e) {
            return names;
        }
    }

    /** Every element of the array at [s, e) that is an object (or JSON text of one). */
    public static List<Row> objectsOf(byte[] b, int s, int e) {
        return objectsOf(b, s, e, null, null);
    }

    /**
     * Elements of the array at [s, e) that are objects (or JSON text of one); with a key, only those whose key text
     * passes keep. An object element is first read for its key alone, so a dropped one costs a scan and no row.
     */
    public static List<Row> objectsOf(byte[] b, int s, int e, Field key, Predicate<String> keep) {
        List<Row> out = new ArrayList<>();
        int[] span = key == null ? null : new int[2];
        int i = s + 1;
        while (true) {
            i = JsonBytes.skipWhitespace(b, i, e);
            if (i >= e) throw new JsonSyntaxError("array not closed", i);
            if (b[i] == ']') return out;
            int end;
            if (b[i] == '{' && key != null) {
                end = valueOf(b, i, e, key, span);
                if (keep.test(span[0] < 0 ? "" : text(b, span[0], span[1]))) out.add(parse(b, i, end));
            } else if (b[i] == '{') {
                JsonRow row = parse(b, i, e); // the parse finds the end: no second scan of the element
                out.add(row);
                end = row.end();
            } else if (b[i] == '"') {
                end = JsonBytes.skipValue(b, i, e);
                byte[] inner = JsonBytes.unescape(b, i + 1, end - 1);
                int j = JsonBytes.skipWhitespace(inner, 0, inner.length);
                if (j < inner.length && inner[j] == '{') out.addAll(single(parse(inner, j, inner.length), key, keep));
            } else {
                end = JsonBytes.skipValue(b, i, e);
            }
            i = JsonBytes.skipWhitespace(b, end, e);
            if (i < e && b[i] == ',') i++;
        }
    }

    /**
     * Scans the object opening at {@code i} for the value of {@code key} as {@link #parse} would keep it (the
     * first non-blank one when the name repeats) into {@code span} (start, end; -1 when absent) and returns the index
     * just past the object. Same grammar and errors as the parse.
     */
    private static int valueOf(byte[] b, int i, int end, Field key, int[] span) {
        span[0] = -1;
        i++; // '{'
        while (true) {
            i = JsonBytes.skipWhitespace(b, i, end);
            if (i >= end) throw new JsonSyntaxError("object not closed (truncated record?)", i);
            byte c = b[i];
            if (c == '}') return i + 1;
            if (c != '"') throw new JsonSyntaxError("expected a property name", i);
            int keyEnd = JsonBytes.skipString(b, i, end);
            boolean named = key.mayHaveLength(keyEnd - i - 2) && Fields.lookup(b, i + 1, keyEnd - 1) == key.id();
            i = JsonBytes.skipWhitespace(b, keyEnd, end);
            if (i >= end || b[i] != ':') throw new JsonSyntaxError("expected ':' after a property name", i);
            i = JsonBytes.skipWhitespace(b, i + 1, end);
            int valueEnd = JsonBytes.skipValue(b, i, end);
            if (named && (span[0] < 0 || isBlank(b, span[0], span[1]))) {
                span[0] = i;
                span[1] = valueEnd;
            }
            i = JsonBytes.skipWhitespace(b, valueEnd, end);
            if (i < end && b[i] == ',') {
                i++;
            } else if (i >= end || b[i] != '}') {
                throw new JsonSyntaxError(i >= end ? "object not closed (truncated record?)" : "expected ',' or '}'", i);
            }
        }
    }

    private static List<String> stringsOf(byte[] b, int s, int e) {
        List<String> out = new ArrayList<>();
        int i = s + 1;
        while (true) {
            i = JsonBytes.skipWhitespace(b, i, e);
            if (i >= e) throw new JsonSyntaxError("array not closed", i);
            if (b[i] == ']') return out;
            int end = JsonBytes.skipValue(b, i, e);
            if (b[i] == '"') out.add(JsonBytes.decodeString(b, i, end));
            else if (b[i] != 'n' && b[i] != '{' && b[i] != '[') out.add(new String(b, i, end - i, StandardCharsets.UTF_8));
            i = JsonBytes.skipWhitespace(b, end, e);
            if (i < e && b[i] == ',') i++;
        }
    }
}

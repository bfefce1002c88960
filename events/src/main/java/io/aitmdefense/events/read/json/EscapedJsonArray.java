package io.aitmdefense.events.read.json;

import io.aitmdefense.events.read.row.Field;
import io.aitmdefense.events.read.row.Fields;
import io.aitmdefense.events.read.row.Row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Filters an array of objects held as JSON text inside a string (Log Analytics writes ConditionalAccessPolicies so:
 * ~3 KB per sign-in, most entries dropped) without unescaping it first: the inner document's quotes are read through
 * the outer escaping, and only kept entries are unescaped and parsed.
 *
 * <p>Reading through the escaping: a run of L backslashes followed by a quote stands for (L-1)/2 backslashes and a
 * quote of the inner text, so the quote delimits an inner string exactly when L % 4 == 1. Anything this scanner is
 * not sure of (a backslash-u escape at the outer level, an escaped key or wanted value, an unexpected byte) makes it
 * answer null, and the caller takes the general path, which unescapes everything and reports syntax errors.
 */
final class EscapedJsonArray {
    private final byte[] b;
    private final int to;
    private int i;

    private EscapedJsonArray(byte[] b, int from, int to) {
        this.b = b;
        this.i = from;
        this.to = to;
    }

    /** The kept elements of the array whose escaped text is [from, to), or null when the general path must decide. */
    static List<Row> filter(byte[] b, int from, int to, Field key, Predicate<String> keep) {
        return new EscapedJsonArray(b, from, to).filter(key, keep);
    }

    private List<Row> filter(Field key, Predicate<String> keep) {
        if (!whitespace() || i >= to || b[i] != '[') return null;
        i++;
        List<Row> out = new ArrayList<>();
        if (!whitespace() || i >= to) return null;
        if (b[i] == ']') return out;
        while (true) {
            if (b[i] != '{') return null;
            int start = i;
            String value = element(key);
            if (value == null) return null;
            if (keep.test(value)) {
                byte[] inner = new byte[i - start];
                int n = JsonBytes.unescapeInto(b, start, i, inner);
                out.add(JsonRow.parse(inner, 0, n));
            }
            if (!whitespace() || i >= to) return null;
            if (b[i] == ']') return out;
            if (b[i] != ',') return null;
            i++;
            if (!whitespace() || i >= to) return null;
        }
    }

    /**
     * Reads the object at {@code i} up to just past its closing brace and returns the text of {@code key} as a parse
     * would give it (first non-blank value of repeated names; "" when absent), or null to give up.
     */
    private String element(Field key) {
        i++; // '{'
        String found = null;
        if (!whitespace() || i >= to) return null;
        if (b[i] == '}') {
            i++;
            return "";
        }
        while (true) {
            if (!openQuote()) return null;
            int keyStart = i;
            if (!stringEnd()) return null;
            int keyEnd = i - 2; // before the closing \"
            boolean named = key.mayHaveLength(keyEnd - keyStart) && noBackslash(keyStart, keyEnd)
                    && Fields.lookup(b, keyStart, keyEnd) == key.id();
            if (!whitespace() || i >= to || b[i] != ':') return null;
            i++;
            if (!whitespace() || i >= to) return null;
            if (named && (found == null || found.isEmpty())) {
                String v = scalar();
                if (v == null) return null;
                if (found == null || !v.isEmpty()) found = v;
            } else if (!skipValue(0)) {
                return null;
            }
            if (!whitespace() || i >= to) return null;
            if (b[i] == '}') {
                i++;
                return found == null ? "" : found;
            }
            if (b[i] != ',') return null;
            i++;
            if (!whitespace() || i >= to) return null;
        }
    }

    /** The text of a string, number, boolean or null at {@code i} (null here means: give up). */
    private String scalar() {
        int s = i;
        if (b[i] == '\\') {
            if (!openQuote()) return null;
            int cs = i;
            if (!stringEnd()) return null;
            int ce = i - 2;
            return noBackslash(cs, ce) ? new String(b, cs, ce - cs, StandardCharsets.UTF_8) : null;
        }
        if (!literal()) return null;
        if (b[s] == 'n') return ""; // null, as a parse reads it
        return new String(b, s, i - s, StandardCharsets.UTF_8);
    }

    private boolean skipValue(int depth) {
        if (depth > 64) return false;
        byte c = b[i];
        if (c == '\\') return openQuote() && stringEnd();
        if (c != '{' && c != '[') return literal();
        byte close = c == '{' ? (byte) '}' : (byte) ']';
        i++;
        if (!whitespace() || i >= to) return false;
        if (b[i] == close) {
            i++;
            return true;
        }
        while (true) {
            if (c == '{') {
                if (!openQuote() || !stringEnd() || !whitespace() || i >= to || b[i] != ':') return false;
                i++;
                if (!whitespace() || i >= to) return false;
            }
            if (!skipValue(depth + 1) || !whitespace() || i >= to) return false;
            if (b[i] == close) {
                i++;
                return true;
            }
            if (b[i] != ',') return false;
            i++;
            if (!whitespace() || i >= to) return false;
        }
    }

    /** A number, true, false or null: letters, digits, sign, point. */
    private boolean literal() {
        int s = i;
        while (i < to) {
            byte c = b[i];
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.') i++;
            else break;
        }
        return i > s;
    }

    /** An inner string opens with \" (a single backslash): moves past it. */
    private boolean openQuote() {
        if (i + 1 >= to || b[i] != '\\' || b[i + 1] != '"') return false;
        i += 2;
        return true;
    }

    /** From inside an inner string, moves just past its closing \" (a run of L backslashes, L % 4 == 1, then a quote). */
    private boolean stringEnd() {
        while (true) {
            int q = JsonBytes.indexOf(b, (byte) '\\', i, to);
            if (q < 0) return false;
            int r = q;
            while (r < to && b[r] == '\\') r++;
            if (r >= to) return false;
            int run = r - q;
            byte c = b[r];
            if (c == 'u' && (run & 1) == 1) return false; // an outer backslash-u escape could stand for a quote or backslash
            i = r + 1;
            if (c == '"' && (run & 3) == 1) return true;
        }
    }

    /** Skips inner whitespace: spaces, tabs, newlines, literal or escaped at the outer level; false to give up. */
    private boolean whitespace() {
        while (i < to) {
            byte c = b[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                i++;
            } else if (c == '\\' && i + 1 < to && (b[i + 1] == 'n' || b[i + 1] == 'r' || b[i + 1] == 't')) {
                i += 2;
            } else {
                return true;
            }
        }
        return true;
    }

    private boolean noBackslash(int s, int e) {
        return JsonBytes.indexOf(b, (byte) '\\', s, e) < 0;
    }
}

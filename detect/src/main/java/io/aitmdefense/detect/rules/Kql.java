package io.aitmdefense.detect.rules;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** KQL literals written from configured values, so a threshold in the YAML is the threshold in the exported query. */
final class Kql {
    private Kql() {
    }

    /** A double-quoted string literal. */
    static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code dynamic(["a", "b"])}. */
    static String strings(Collection<String> values) {
        return "dynamic([" + values.stream().map(Kql::str).collect(Collectors.joining(", ")) + "])";
    }

    /** {@code ("a", "b")}: the right-hand side of {@code in}. */
    static String tuple(List<String> values) {
        return "(" + values.stream().map(Kql::str).collect(Collectors.joining(", ")) + ")";
    }

    static String ints(Collection<Integer> values) {
        return "dynamic([" + values.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "])";
    }

    /** A timespan literal in the largest whole unit: {@code 14d}, {@code 6h}, {@code 60m}, {@code 90s}, {@code 1500ms}. */
    static String timespan(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0) return ms / 86_400_000L + "d";
        if (ms % 3_600_000L == 0) return ms / 3_600_000L + "h";
        if (ms % 60_000L == 0) return ms / 60_000L + "m";
        if (ms % 1000L == 0) return ms / 1000L + "s";
        return ms + "ms";
    }

    /**
     * A case-insensitive RE2 alternation matching any of the fragments literally, as a verbatim string:
     * {@code @"(?i)(python-requests|node/|curl/)"}. RE2 has no {@code \Q…\E}, so metacharacters are escaped one by one.
     */
    static String anyOf(Collection<String> fragments) {
        StringBuilder b = new StringBuilder("@\"(?i)(");
        boolean first = true;
        for (String f : fragments) {
            if (f.indexOf('"') >= 0) throw new IllegalArgumentException("a match fragment cannot contain a double quote: " + f);
            if (!first) b.append('|');
            first = false;
            for (char c : f.toCharArray()) {
                if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) b.append('\\');
                b.append(c);
            }
        }
        return b.append(")\"").toString();
    }
}

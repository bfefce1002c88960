package io.aitmdefense.events.read.csv;

import io.aitmdefense.events.read.row.Field;
import io.aitmdefense.events.read.row.Fields;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a CSV header to fields once per file. Portal exports decorate names: {@code CreatedDateTime [UTC]},
 * {@code DeviceDetail_dynamic} / {@code DeviceDetail_string} pairs (take whichever is filled) and trailing-underscore
 * duplicates such as {@code UserId_} (used only when the plain column is empty).
 */
public final class CsvHeader {
    private final List<String> names;
    private final Map<Integer, int[]> columns = new HashMap<>();

    public CsvHeader(List<String> rawNames) {
        this.names = List.copyOf(rawNames);
        Map<Integer, List<Integer>> primary = new HashMap<>(), secondary = new HashMap<>();
        for (int i = 0; i < rawNames.size(); i++) {
            String n = rawNames.get(i).trim();
            int bracket = n.indexOf(" [");
            if (bracket > 0) n = n.substring(0, bracket);
            boolean dup = false;
            if (n.endsWith("_dynamic")) n = n.substring(0, n.length() - 8);
            else if (n.endsWith("_string")) n = n.substring(0, n.length() - 7);
            else if (n.endsWith("_") && n.length() > 1) {
                n = n.substring(0, n.length() - 1);
                dup = true;
            }
            Field f = Fields.byName(n);
            if (f == null) continue;
            (dup ? secondary : primary).computeIfAbsent(f.id(), k -> new ArrayList<>()).add(i);
        }
        secondary.forEach((id, cols) -> primary.computeIfAbsent(id, k -> new ArrayList<>()).addAll(cols));
        primary.forEach((id, cols) -> columns.put(id, cols.stream().mapToInt(Integer::intValue).toArray()));
    }

    int[] columns(Field f) {
        return columns.get(f.id());
    }

    public boolean has(Field f) {
        return columns.containsKey(f.id());
    }

    public List<String> names() {
        return names;
    }

    /**
     * Why a row cannot be trusted column by column, or null. A row with fewer cells was cut (a truncated file, a
     * stray line break outside quotes); one with more non-empty cells has an unquoted comma that shifted every
     * column after it. Either way its values would land under the wrong names. Trailing empty cells are harmless.
     */
    public String rowProblem(List<String> cells) {
        int n = cells.size(), expected = names.size();
        if (n < expected) return "row has " + n + " of " + expected + " columns (cut short, or a line break outside quotes)";
        for (int i = expected; i < n; i++) {
            if (!cells.get(i).isEmpty()) {
                return "row has " + n + " columns but the header has " + expected + " (an unquoted comma shifts the columns)";
            }
        }
        return null;
    }
}

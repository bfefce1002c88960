package io.aitmdefense.events.read.csv;

import io.aitmdefense.events.read.json.JsonBytes;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.row.Field;
import io.aitmdefense.events.read.row.Row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** One CSV record seen through its file's {@link CsvHeader}: cells are text, complex cells are JSON text. */
public final class CsvRow implements Row {
    private final CsvHeader header;
    private final List<String> cells;

    public CsvRow(CsvHeader header, List<String> cells) {
        this.header = header;
        this.cells = cells;
    }

    @Override
    public boolean has(Field f) {
        return !text(f).isEmpty();
    }

    @Override
    public String text(Field f) {
        int[] cols = header.columns(f);
        if (cols == null) return "";
        for (int c : cols) {
            if (c < cells.size()) {
                String v = cells.get(c);
                if (!v.isEmpty()) return v;
            }
        }
        return "";
    }

    @Override
    public Row object(Field f) {
        byte[] json = json(f);
        if (json == null) return EMPTY;
        int i = JsonBytes.skipWhitespace(json, 0, json.length);
        return i < json.length && json[i] == '{' ? JsonRow.parse(json, i, json.length) : EMPTY;
    }

    @Override
    public List<Row> objects(Field f) {
        return objectsWhere(f, null, null);
    }

    @Override
    public List<Row> objectsWhere(Field f, Field key, Predicate<String> keep) {
        byte[] json = json(f);
        if (json == null) return List.of();
        int i = JsonBytes.skipWhitespace(json, 0, json.length);
        if (i >= json.length) return List.of();
        if (json[i] == '[') return JsonRow.objectsOf(json, i, json.length, key, keep);
        if (json[i] == '{') {
            Row row = JsonRow.parse(json, i, json.length);
            return key == null || keep.test(row.text(key)) ? List.of(row) : List.of();
        }
        return List.of();
    }

    @Override
    public List<String> strings(Field f) {
        String t = text(f).trim();
        if (t.isEmpty()) return List.of();
        if (!t.startsWith("[")) return List.of(t);
        // reuse the JSON reader through a one-field object
        byte[] wrapped = ("{\"" + f.name() + "\":" + t + "}").getBytes(StandardCharsets.UTF_8);
        return JsonRow.parse(wrapped).strings(f);
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < Math.min(cells.size(), header.names().size()); i++) {
            if (!cells.get(i).isEmpty()) names.add(header.names().get(i));
        }
        return names;
    }

    private byte[] json(Field f) {
        String t = text(f);
        return t.isEmpty() ? null : t.getBytes(StandardCharsets.UTF_8);
    }
}

package io.aitmdefense.posture.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Group id → name tables exported as CSV with {@code DisplayName} and {@code Id} columns (any order). */
final class GroupCsv {

    private final String file;
    private final List<ReadProblem> errors;

    GroupCsv(String file, List<ReadProblem> errors) {
        this.file = file;
        this.errors = errors;
    }

    void read(String text, Map<String, String> groupNames) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0) {
            errors.add(new ReadProblem(file, "empty CSV"));
            return;
        }
        List<String> header = cells(lines[0]);
        int name = indexOf(header, "displayname");
        int id = indexOf(header, "id");
        if (name < 0 || id < 0) {
            errors.add(new ReadProblem(file + ":1", "CSV without DisplayName and Id columns; not a group table"));
            return;
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            List<String> row = cells(lines[i]);
            if (row.size() <= Math.max(name, id)) {
                errors.add(new ReadProblem(file + ":" + (i + 1), "row has " + row.size() + " cells, expected "
                        + header.size()));
                continue;
            }
            groupNames.put(row.get(id), row.get(name));
        }
    }

    private static int indexOf(List<String> header, String wanted) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(wanted)) return i;
        }
        return -1;
    }

    /** RFC 4180 cells: quotes around a cell, doubled quotes inside. */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }
}

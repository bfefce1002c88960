package io.aitmdefense.report;

import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The incidents and the attacker infrastructure as CSV (RFC 4180, UTF-8): for a spreadsheet, a ticket or a SIEM
 * watchlist. Values from logs are attacker-controlled, so a cell that a spreadsheet would run as a formula is
 * prefixed with an apostrophe (OWASP "CSV injection").
 */
public final class IncidentsCsv {
    private IncidentsCsv() {
    }

    /** One row per incident, most severe first. */
    public static String incidents(IncidentSet set) {
        StringBuilder b = new StringBuilder();
        row(b, List.of("incident", "severity", "user", "tenant", "userKey", "stages", "firstAttackerActivity", "end",
                "confidence", "alerts", "detections", "attackerIps", "campaign", "summary"));
        for (Incident i : set.incidents()) {
            row(b, List.of(i.id(), i.severity().label(), i.user(), i.tenant(), i.userKey(),
                    String.join(" ", i.stages().stream().map(IncidentsJson::key).toList()),
                    i.firstAttackerActivity().toString(), i.end().toString(), String.format(Locale.ROOT, "%.2f", i.confidence()),
                    Integer.toString(i.alerts().size()),
                    String.join(" ", i.alerts().stream().map(a -> a.detectionId()).distinct().toList()),
                    String.join(" ", i.infrastructure().addresses().stream().map(AttackerAddress::ip).toList()),
                    i.blastRadius().campaignId(), i.summary()));
        }
        return b.toString();
    }

    /**
     * One row per attacker address, network, user agent and session id, with every incident and user it appears in:
     * what to block, hunt for or put on a watchlist.
     */
    public static String infrastructure(IncidentSet set) {
        Map<List<String>, Set<String>[]> rows = new LinkedHashMap<>();
        for (Incident i : set.incidents()) {
            for (AttackerAddress a : i.infrastructure().addresses()) {
                add(rows, List.of("ip", a.ip(), a.asn() > 0 ? Integer.toString(a.asn()) : "", a.owner(),
                        IncidentsJson.key(a.kind()), a.country()), i);
            }
            for (AttackerNetwork n : i.infrastructure().networks()) {
                add(rows, List.of("asn", "AS" + n.asn(), Integer.toString(n.asn()), n.owner(), IncidentsJson.key(n.kind()), ""), i);
            }
            for (String ua : i.infrastructure().userAgents()) add(rows, List.of("user-agent", ua, "", "", "", ""), i);
            for (String s : i.infrastructure().sessionIds()) add(rows, List.of("session", s, "", "", "", ""), i);
        }
        StringBuilder b = new StringBuilder();
        row(b, List.of("kind", "value", "asn", "owner", "networkKind", "country", "incidents", "users"));
        rows.forEach((cells, seen) -> {
            List<String> all = new ArrayList<>(cells);
            all.add(String.join(" ", seen[0]));
            all.add(String.join(" ", seen[1]));
            row(b, all);
        });
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<List<String>, Set<String>[]> rows, List<String> cells, Incident i) {
        Set<String>[] seen = rows.computeIfAbsent(cells, k -> new Set[] {new LinkedHashSet<>(), new LinkedHashSet<>()});
        seen[0].add(i.id());
        seen[1].add(i.user());
    }

    private static void row(StringBuilder b, List<String> cells) {
        for (int k = 0; k < cells.size(); k++) {
            if (k > 0) b.append(',');
            b.append(cell(cells.get(k)));
        }
        b.append("\r\n");
    }

    static String cell(String value) {
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}

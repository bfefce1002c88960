package io.aitmdefense.server.console;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.Incident;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the queue shows: the filters of its form (each "" for any), the search words and the sort column
 * ({@code -} first for descending). Read from the page's query string, so a filtered queue is a link to share.
 */
record QueueQuery(String tenant, String severity, String status, String user, String detection, String q, String sort) {
    /** The columns the queue sorts by; the default is the newest update first. */
    static final List<String> SORTS = List.of("severity", "user", "status", "first", "updated");
    static final String DEFAULT_SORT = "-updated";

    static QueueQuery of(Function<String, String> param) {
        String sort = clean(param.apply("sort"));
        if (!SORTS.contains(sort.startsWith("-") ? sort.substring(1) : sort)) sort = DEFAULT_SORT;
        return new QueueQuery(clean(param.apply("tenant")), clean(param.apply("severity")).toLowerCase(Locale.ROOT),
                clean(param.apply("status")).toLowerCase(Locale.ROOT), clean(param.apply("user")),
                clean(param.apply("detection")), clean(param.apply("q")), sort);
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }

    /** Whether an incident passes every filter but severity and status: the set the counts are taken over. */
    boolean matchesOthers(QueueEntry e) {
        Incident i = e.incident();
        if (!tenant.isEmpty() && !tenant.equals(e.row().tenant())) return false;
        if (!user.isEmpty() && !i.user().toLowerCase(Locale.ROOT).contains(user.toLowerCase(Locale.ROOT))) return false;
        if (!detection.isEmpty() && i.alerts().stream().noneMatch(a -> a.detectionId().equals(detection))) return false;
        return q.isEmpty() || searchable(e).contains(q.toLowerCase(Locale.ROOT));
    }

    boolean matches(QueueEntry e) {
        return matchesOthers(e) && (severity.isEmpty() || List.of(severity.split(",")).contains(e.row().severity()))
                && (status.isEmpty() || List.of(status.split(",")).contains(e.row().status()));
    }

    /** The entries that pass every filter, in the chosen order. */
    List<QueueEntry> apply(List<QueueEntry> all) {
        return all.stream().filter(this::matches).sorted(comparator()).toList();
    }

    /** Incidents per severity (most severe first) and per status, over the entries the other filters let through. */
    Counts counts(List<QueueEntry> all) {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (int k = Severity.values().length - 1; k >= 0; k--) bySeverity.put(Severity.values()[k].label(), 0);
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (String s : IncidentStates.ALL) byStatus.put(s, 0);
        all.stream().filter(this::matchesOthers).forEach(e -> {
            bySeverity.merge(e.row().severity(), 1, Integer::sum);
            byStatus.merge(e.row().status(), 1, Integer::sum);
        });
        return new Counts(bySeverity, byStatus);
    }

    record Counts(Map<String, Integer> bySeverity, Map<String, Integer> byStatus) {
    }

    /** This query with one parameter changed, as a link's query string. */
    String with(String key, String value) {
        Map<String, String> p = params();
        p.put(key, value);
        StringBuilder b = new StringBuilder();
        p.forEach((k, v) -> {
            if (v.isEmpty() || (k.equals("sort") && v.equals(DEFAULT_SORT))) return;
            b.append(b.length() == 0 ? "?" : "&").append(k).append('=')
                    .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        });
        return b.length() == 0 ? "/" : "/" + b;
    }

    private Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tenant", tenant);
        p.put("severity", severity);
        p.put("status", status);
        p.put("user", user);
        p.put("detection", detection);
        p.put("q", q);
        p.put("sort", sort);
        return p;
    }

    private Comparator<QueueEntry> comparator() {
        boolean descending = sort.startsWith("-");
        Comparator<QueueEntry> c = switch (descending ? sort.substring(1) : sort) {
            case "severity" -> Comparator.comparing(e -> Severity.parse(e.row().severity()));
            case "user" -> Comparator.comparing(e -> e.row().user().toLowerCase(Locale.ROOT));
            case "status" -> Comparator.comparing(e -> IncidentStates.ALL.indexOf(e.row().status()));
            case "first" -> Comparator.comparing(e -> e.incident().firstAttackerActivity());
            default -> Comparator.comparing(e -> e.row().updatedAt());
        };
        if (descending) c = c.reversed();
        return c.thenComparing(e -> e.row().id());
    }

    private static String searchable(QueueEntry e) {
        Incident i = e.incident();
        return Stream.of(Stream.of(i.id(), i.user(), i.summary(), e.row().tenant()),
                        i.alerts().stream().flatMap(a -> Stream.of(a.detectionId(), a.title())),
                        i.infrastructure().addresses().stream().flatMap(a -> Stream.of(a.ip(), a.owner(), "as" + a.asn())),
                        i.infrastructure().userAgents().stream())
                .flatMap(s -> s).map(s -> s.toLowerCase(Locale.ROOT)).reduce("", (x, y) -> x + "\n" + y);
    }

    /** The detections among the entries, for the filter's choices. */
    static List<String> detections(List<QueueEntry> all) {
        return all.stream().flatMap(e -> e.incident().alerts().stream()).map(Alert::detectionId).distinct().sorted().toList();
    }
}

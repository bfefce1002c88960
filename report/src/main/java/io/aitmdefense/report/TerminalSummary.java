package io.aitmdefense.report;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerNetwork;
import io.aitmdefense.model.incident.Campaign;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.TimelineEntry;

import io.aitmdefense.model.SafeText;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The incidents as a person reads them after {@code aitm detect}: most severe first, each with the user, the stages
 * hit, when the attacker started, where from, and why. Plain text when piped (colour only marks severity, so nothing
 * is lost without it); log-derived values are stripped of control characters.
 */
public final class TerminalSummary {
    private static final int MAX_ADDRESSES = 4;
    /** Without --verbose: enough to act on, not so many that the most severe scroll away. */
    static final int MAX_INCIDENTS = 20;
    private static final String RESET = "\033[0m";

    private final boolean colour;
    private final boolean verbose;
    private final Map<String, Containment> containment;

    public TerminalSummary(boolean colour, boolean verbose) {
        this(colour, verbose, Map.of());
    }

    /** @param containment each incident's "Contain" section by incident id; an incident without one gets none */
    public TerminalSummary(boolean colour, boolean verbose, Map<String, Containment> containment) {
        this.colour = colour;
        this.verbose = verbose;
        this.containment = Map.copyOf(containment);
    }

    /** Colour for an interactive terminal, unless NO_COLOR is set (no-color.org) or TERM is dumb. */
    public static boolean colourWanted() {
        return colourWanted(System.getenv(), System.console() != null);
    }

    static boolean colourWanted(Map<String, String> env, boolean terminal) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return false;
        return terminal && !"dumb".equals(env.get("TERM"));
    }

    /** Prints the incidents of a run; {@code run} says what they cover (and warns when nothing was read). */
    public void print(IncidentSet set, RunSummary run, PrintStream out) {
        Optional<String> nothingRead = run.nothingReadWarning();
        if (nothingRead.isPresent()) {
            out.println(safe(nothingRead.get()));
            out.flush();
            return;
        }
        out.println(headline(set, run));
        int shown = verbose ? set.incidents().size() : Math.min(MAX_INCIDENTS, set.incidents().size());
        for (Incident i : set.incidents().subList(0, shown)) {
            out.println();
            incident(i, out);
        }
        if (shown < set.incidents().size()) {
            out.println();
            out.println("... and " + (set.incidents().size() - shown) + " less severe incidents: see report.html or "
                    + "incidents.json, or run with --verbose");
        }
        if (!set.campaigns().isEmpty()) {
            out.println();
            for (Campaign c : set.campaigns()) {
                int seen = c.allUsers().size() - c.users().size();
                out.println(paint(c.severity(), "CAMPAIGN") + " " + c.id() + ": " + c.users().size()
                        + (c.users().size() == 1 ? " user" : " users") + " with incidents"
                        + (seen > 0 ? " and " + seen + " more seen" : "") + " on shared attacker infrastructure ("
                        + safe(String.join("; ", c.indicators().stream().limit(3)
                        .map(s -> s.kind().label() + " " + s.label()).toList())) + ")");
                out.println("  users: " + safe(String.join(", ", c.allUsers())));
            }
        }
        if (!set.notices().isEmpty()) {
            out.println();
            out.println(set.notices().size() + (set.notices().size() == 1 ? " notice" : " notices")
                    + " (low-severity alerts of users without an incident; in alerts.ndjson and incidents.json)"
                    + (verbose ? ":" : ", --verbose lists them"));
            if (verbose) {
                for (Alert a : set.notices()) {
                    out.println("  " + Text.time(a.start()) + "  " + safe(a.user()) + "  " + a.detectionId() + ": "
                            + safe(a.explanation()));
                }
            }
        }
        out.flush();
    }

    private static String headline(IncidentSet set, RunSummary run) {
        if (set.incidents().isEmpty()) {
            return "No incidents in " + run.events() + (run.events() == 1 ? " event" : " events")
                    + run.logs().map(s -> " (logs from " + Text.time(s.first()) + " to " + Text.time(s.last()) + ")").orElse("")
                    + ".";
        }
        List<String> parts = new ArrayList<>();
        Severity[] all = Severity.values();
        for (int k = all.length - 1; k >= 0; k--) {
            int n = set.incidentsBySeverity().get(all[k]);
            if (n > 0) parts.add(n + " " + all[k].label());
        }
        int incidents = set.incidents().size();
        StringBuilder b = new StringBuilder();
        b.append(incidents).append(incidents == 1 ? " incident" : " incidents").append(" (").append(String.join(", ", parts))
                .append(") from ").append(set.alerts().size()).append(set.alerts().size() == 1 ? " alert" : " alerts");
        if (!set.campaigns().isEmpty()) {
            b.append("; ").append(set.campaigns().size()).append(set.campaigns().size() == 1 ? " campaign" : " campaigns");
        }
        return b.toString();
    }

    private void incident(Incident i, PrintStream out) {
        String severity = String.format(Locale.ROOT, "%-8s", i.severity().label().toUpperCase(Locale.ROOT));
        out.println(paint(i.severity(), severity) + " " + bold(safe(i.user())) + "  " + i.id()
                + String.format(Locale.ROOT, "  confidence %.2f", i.confidence()));
        out.println("  stages:   " + String.join(" -> ", i.stages().stream().map(KillChainStage::label).toList()));
        out.println("  first attacker activity: " + Text.time(i.firstAttackerActivity())
                + (i.end().isAfter(i.start()) ? "  (last " + Text.time(i.end()) + ")" : ""));
        String from = attacker(i);
        if (!from.isEmpty()) out.println("  attacker: " + safe(from));
        if (i.blastRadius().inCampaign()) {
            List<String> others = new ArrayList<>(i.blastRadius().otherUsers());
            others.addAll(i.blastRadius().alsoSeenUsers());
            out.println("  campaign: " + i.blastRadius().campaignId() + (others.isEmpty() ? "" : " with " + safe(String.join(", ", others))));
        }
        out.println("  why:      " + safe(mostSevere(i).explanation()));
        List<String> changes = ArtifactText.of(i).stream().map(a -> ArtifactText.describe(a).what()).toList();
        if (!changes.isEmpty()) {
            int shown = verbose ? changes.size() : Math.min(changes.size(), 3);
            out.println("  changed:  " + safe(String.join("; ", changes.subList(0, shown)))
                    + (shown < changes.size() ? " (+" + (changes.size() - shown) + " more with --verbose)" : ""));
        }
        if (!i.attackerActivity().isEmpty()) {
            List<String> ops = i.attackerActivity().stream()
                    .map(a -> a.operation() + (a.count() > 1 ? " ×" + a.count() : "")).toList();
            int shown = verbose ? ops.size() : Math.min(ops.size(), 8);
            out.println("  also from attacker addresses: " + safe(String.join(", ", ops.subList(0, shown)))
                    + (shown < ops.size() ? " (+" + (ops.size() - shown) + " more with --verbose)" : ""));
        }
        Containment contain = containment.get(i.id());
        if (contain != null) contain(contain, out);
        if (verbose) {
            for (IncidentView.Step t : IncidentView.steps(i)) {
                out.println("    " + Text.time(t.time()) + "  " + String.format(Locale.ROOT, "%-18s", t.stage().label())
                        + " " + t.alert().detectionId() + " [" + t.alert().severity().label() + "]: " + safe(t.alert().explanation()));
            }
            for (IncidentView.Record r : IncidentView.records(i)) {
                out.println("      evidence " + safe(r.record().toString()) + "  " + Text.time(r.evidence().time()) + "  "
                        + safe(String.join("; ", r.summaries())));
            }
        }
    }

    /**
     * The plan in one line per kind of thing, so the responder sees what to run without opening the report; the
     * commands themselves (long) with --verbose, and always in report.html.
     */
    private void contain(Containment c, PrintStream out) {
        out.println("  contain:  " + safe(String.join(", ", c.steps().stream()
                .filter(s -> !s.id().equals("evidence") && !s.id().equals("enable")).map(Containment.Step::title).toList())));
        if (!c.blockRanges().isEmpty()) {
            out.println("  block:    " + safe(String.join(", ", c.blockRanges())) + " (untrusted IP named location)");
        }
        List<String> iocs = c.indicators().stream().filter(x -> !x.type().startsWith("ipv")).map(x -> x.type() + " " + x.value()).toList();
        if (!iocs.isEmpty()) out.println("  iocs:     " + safe(String.join(", ", iocs)));
        for (String w : c.warnings()) out.println("  note:     " + safe(w));
        out.println("  plan:     " + safe(c.planCommand()));
        if (!verbose) return;
        for (Containment.Commands cmd : c.commands()) {
            if (cmd.text().isBlank()) continue;
            out.println("    # " + safe(cmd.title()));
            cmd.text().lines().forEach(l -> out.println("    " + safe(l)));
        }
    }

    /** The alert that explains the incident best: the most severe, the earliest among equals. */
    private static TimelineEntry mostSevere(Incident i) {
        TimelineEntry best = i.timeline().get(0);
        for (TimelineEntry t : i.timeline()) if (t.severity().compareTo(best.severity()) > 0) best = t;
        return best;
    }

    /** {@code 203.0.113.10 (NL), 203.0.113.77 (+2 more); AS14061 DigitalOcean, hosting}. */
    private static String attacker(Incident i) {
        List<String> parts = new ArrayList<>();
        List<AttackerAddress> addresses = i.infrastructure().addresses();
        if (!addresses.isEmpty()) {
            String ips = String.join(", ", addresses.stream().limit(MAX_ADDRESSES)
                    .map(a -> a.country().isEmpty() ? a.ip() : a.ip() + " (" + a.country() + ")").toList());
            if (addresses.size() > MAX_ADDRESSES) ips += " (+" + (addresses.size() - MAX_ADDRESSES) + " more)";
            parts.add(ips);
        }
        if (!i.infrastructure().networks().isEmpty()) {
            parts.add(String.join("; ", i.infrastructure().networks().stream().map(AttackerNetwork::describe).toList()));
        }
        return String.join("; ", parts);
    }

    private String paint(Severity s, String text) {
        if (!colour) return text;
        String code = switch (s) {
            case CRITICAL -> "\033[1;97;41m";
            case HIGH -> "\033[1;31m";
            case MEDIUM -> "\033[33m";
            case LOW -> "\033[36m";
            case NOTICE, INFO -> "\033[2m";
        };
        return code + text + RESET;
    }

    private String bold(String text) {
        return colour ? "\033[1m" + text + RESET : text;
    }

    private static String safe(String s) {
        return SafeText.terminal(s);
    }
}

package io.aitmdefense.respond.contain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Target;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The attacker infrastructure of an incident as indicators to share or block: the addresses it came from, the mail
 * addresses it forwarded to, the app it had consented. CSV for spreadsheets and SIEM watchlists; a STIX 2.1 bundle
 * for threat-intelligence platforms. Ids are derived from the values, so the same incident exports the same ids.
 */
public final class Iocs {
    private Iocs() {
    }

    /** One indicator: {@code type} ipv4-addr, ipv6-addr, email-addr or application (an Entra app id) or domain-name. */
    public record Indicator(String type, String value, String context, Instant firstSeen) {
    }

    public static List<Indicator> of(Findings f) {
        Map<String, Indicator> out = new LinkedHashMap<>();
        f.proxiedDomain().ifPresent(d -> out.put(d, new Indicator("domain-name", d,
                "a page on this domain proxied the tenant's sign-in page (sign-in page canary)", f.firstActivity())));
        for (String ip : f.ips()) {
            out.putIfAbsent(ip, new Indicator(ip.contains(":") ? "ipv6-addr" : "ipv4-addr", ip,
                    "sign-ins replaying " + f.user() + "'s session", f.firstActivity()));
        }
        for (Target.InboxRule r : f.rules()) {
            for (String a : r.recipients()) out.putIfAbsent(a.toLowerCase(), new Indicator("email-addr", a,
                    "inbox rule in " + r.mailbox() + " forwarded mail here", f.firstActivity()));
        }
        for (Target.Forwarding fw : f.forwarding()) {
            for (String a : fw.addresses()) {
                String addr = a.replaceFirst("(?i)^smtp:", "");
                out.putIfAbsent(addr.toLowerCase(), new Indicator("email-addr", addr, "mailbox forwarding of " + fw.mailbox(), f.firstActivity()));
            }
        }
        for (Target.Consent c : f.consents()) {
            if (!c.appId().isEmpty()) out.putIfAbsent(c.appId(), new Indicator("application", c.appId(),
                    "OAuth app \"" + c.appName() + "\" consented from the attacker's session", f.firstActivity()));
        }
        return new ArrayList<>(out.values());
    }

    public static String csv(Findings f) {
        StringBuilder b = new StringBuilder("type,value,context,first_seen,incident\n");
        for (Indicator i : of(f)) {
            b.append(cell(i.type())).append(',').append(cell(i.value())).append(',').append(cell(i.context())).append(',')
                    .append(i.firstSeen()).append(',').append(cell(f.incidentId())).append('\n');
        }
        return b.toString();
    }

    /** A STIX 2.1 bundle: one indicator per value, with a STIX pattern; applications become a custom-free note. */
    public static ObjectNode stix(Findings f, Instant created) {
        ObjectNode bundle = Json.object();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + uuid("bundle|" + f.incidentId()));
        ArrayNode objects = bundle.putArray("objects");
        String identity = "identity--" + uuid("identity|aitm");
        objects.addObject().put("type", "identity").put("spec_version", "2.1").put("id", identity)
                .put("created", "2026-01-01T00:00:00.000Z").put("modified", "2026-01-01T00:00:00.000Z")
                .put("name", "AiTM Defense (aitm)").put("identity_class", "system");
        for (Indicator i : of(f)) {
            String pattern = switch (i.type()) {
                case "ipv4-addr", "ipv6-addr", "email-addr", "domain-name" -> "[" + i.type() + ":value = '" + i.value().replace("\\", "\\\\").replace("'", "\\'") + "']";
                default -> null;
            };
            if (pattern == null) continue;
            ObjectNode o = objects.addObject();
            o.put("type", "indicator").put("spec_version", "2.1").put("id", "indicator--" + uuid(i.type() + "|" + i.value()))
                    .put("created_by_ref", identity).put("created", stamp(created)).put("modified", stamp(created))
                    .put("name", i.type() + " " + i.value()).put("description", i.context() + " (incident " + f.incidentId() + ")");
            o.putArray("indicator_types").add("malicious-activity");
            o.put("pattern", pattern).put("pattern_type", "stix").put("valid_from", stamp(i.firstSeen()));
            o.putArray("labels").add("aitm").add("token-replay");
        }
        return bundle;
    }

    private static String stamp(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString().replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }

    private static String uuid(String s) {
        return UUID.nameUUIDFromBytes(s.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String cell(String s) {
        String safe = s.matches("^[=+\\-@].*") ? "'" + s : s; // a spreadsheet must not run a value as a formula
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}

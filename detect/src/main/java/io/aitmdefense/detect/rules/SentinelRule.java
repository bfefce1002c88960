package io.aitmdefense.detect.rules;

import io.aitmdefense.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link QueryRule} as a Microsoft Sentinel scheduled analytics rule, in the YAML shape of the Azure-Sentinel
 * repository's {@code Detections} and content-hub solutions ({@code kind: Scheduled}).
 */
public final class SentinelRule {
    /** The keys a scheduled rule of the Azure-Sentinel repository must have. */
    public static final List<String> REQUIRED_KEYS = List.of("id", "name", "description", "severity", "requiredDataConnectors",
            "queryFrequency", "queryPeriod", "triggerOperator", "triggerThreshold", "tactics", "relevantTechniques", "query",
            "entityMappings", "version", "kind");

    private SentinelRule() {
    }

    public static String yaml(QueryRule rule) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", RuleYaml.stableId("sentinel", rule.info().id()));
        doc.put("name", "AiTM Defense - " + rule.info().title());
        doc.put("description", description(rule));
        doc.put("severity", severity(rule.info().severity()));
        doc.put("requiredDataConnectors", connectors(rule.tables()));
        doc.put("queryFrequency", Kql.timespan(rule.frequency()));
        doc.put("queryPeriod", Kql.timespan(rule.period()));
        doc.put("triggerOperator", "gt");
        doc.put("triggerThreshold", 0);
        doc.put("tactics", AttackTactics.of(rule.info().techniques()));
        doc.put("relevantTechniques", rule.info().techniques());
        doc.put("query", rule.kql() + "\n");
        List<Map<String, Object>> entities = new ArrayList<>();
        entities.add(entity("Account", "FullName", "AccountUpn"));
        if (rule.mapsIp()) entities.add(entity("IP", "Address", "IPAddress"));
        doc.put("entityMappings", entities);
        doc.put("version", "1.0.0");
        doc.put("kind", "Scheduled");
        return RuleYaml.write(doc);
    }

    static String description(QueryRule rule) {
        return rule.finds() + " Exported from the aitm detect detection '" + rule.info().id() + "'.\n"
                + "What this rule loses against the stateful detection: " + rule.loses() + "\n";
    }

    /** Sentinel has no critical. */
    private static String severity(Severity s) {
        return switch (s) {
            case INFO, NOTICE -> "Informational";
            case LOW -> "Low";
            case MEDIUM -> "Medium";
            case HIGH, CRITICAL -> "High";
        };
    }

    private static List<Map<String, Object>> connectors(List<String> tables) {
        Map<String, List<String>> byConnector = new TreeMap<>();
        for (String table : tables) byConnector.computeIfAbsent(connector(table), c -> new ArrayList<>()).add(table);
        List<Map<String, Object>> out = new ArrayList<>();
        byConnector.forEach((c, types) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connectorId", c);
            m.put("dataTypes", types);
            out.add(m);
        });
        return out;
    }

    private static String connector(String table) {
        return switch (table) {
            case MailboxQueries.OFFICE -> "Office365";
            case DirectoryQueries.SECURITY_ALERT -> "MicrosoftThreatProtection";
            default -> "AzureActiveDirectory";
        };
    }

    private static Map<String, Object> entity(String type, String identifier, String column) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("identifier", identifier);
        field.put("columnName", column);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entityType", type);
        m.put("fieldMappings", List.of(field));
        return m;
    }
}

package io.aitmdefense.simulate;

import io.aitmdefense.simulate.log.LogTable;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The export shapes the simulation writes, each a shape the readers accept: Log Analytics NDJSON, Entra diagnostic
 * settings as Event Hubs batches, Graph pages, and Office 365 Management Activity API content. Each format carries the
 * tables it has in reality.
 */
public enum OutputFormat {
    LOG_ANALYTICS("la", EnumSet.allOf(LogTable.class)),
    EVENT_HUBS("eh", EnumSet.of(LogTable.SIGN_INS, LogTable.NON_INTERACTIVE_SIGN_INS, LogTable.DIRECTORY_AUDITS,
            LogTable.RISK_DETECTIONS)),
    GRAPH("graph", EnumSet.of(LogTable.SIGN_INS, LogTable.NON_INTERACTIVE_SIGN_INS, LogTable.DIRECTORY_AUDITS,
            LogTable.RISK_DETECTIONS)),
    MANAGEMENT_API("ual", EnumSet.of(LogTable.OFFICE_ACTIVITY));

    private final String code;
    private final Set<LogTable> tables;

    OutputFormat(String code, Set<LogTable> tables) {
        this.code = code;
        this.tables = tables;
    }

    /** The short name used on the command line and as the output folder. */
    public String code() {
        return code;
    }

    public boolean carries(LogTable table) {
        return tables.contains(table);
    }

    public static OutputFormat parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (OutputFormat f : values()) if (f.code.equals(t) || f.name().toLowerCase(Locale.ROOT).equals(t)) return f;
        throw new IllegalArgumentException("unknown format '" + text + "' (expected one of: la, eh, graph, ual)");
    }

    /** The folder under the format's folder that holds a table, named as the real export names it. */
    public String folder(LogTable table) {
        return switch (this) {
            case LOG_ANALYTICS -> switch (table) {
                case SIGN_INS -> "SigninLogs";
                case NON_INTERACTIVE_SIGN_INS -> "AADNonInteractiveUserSignInLogs";
                case DIRECTORY_AUDITS -> "AuditLogs";
                case RISK_DETECTIONS -> "AADUserRiskEvents";
                case OFFICE_ACTIVITY -> "OfficeActivity";
            };
            case EVENT_HUBS -> switch (table) {
                case SIGN_INS -> "insights-logs-signinlogs";
                case NON_INTERACTIVE_SIGN_INS -> "insights-logs-noninteractiveusersigninlogs";
                case DIRECTORY_AUDITS -> "insights-logs-auditlogs";
                case RISK_DETECTIONS -> "insights-logs-userriskevents";
                case OFFICE_ACTIVITY -> throw new IllegalArgumentException("Event Hubs does not carry " + table);
            };
            case GRAPH -> switch (table) {
                case SIGN_INS -> "signIns";
                case NON_INTERACTIVE_SIGN_INS -> "signIns-nonInteractiveUser";
                case DIRECTORY_AUDITS -> "directoryAudits";
                case RISK_DETECTIONS -> "riskDetections";
                case OFFICE_ACTIVITY -> throw new IllegalArgumentException("Graph does not carry " + table);
            };
            case MANAGEMENT_API -> "Audit.Exchange";
        };
    }
}

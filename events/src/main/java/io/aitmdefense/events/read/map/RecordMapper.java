package io.aitmdefense.events.read.map;

import io.aitmdefense.events.Event;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.row.Row;

import java.util.List;
import java.util.Locale;

import static io.aitmdefense.events.read.row.Fields.*;

/**
 * Recognises what a record is from its content — Log Analytics {@code Type}, a diagnostic-settings {@code category},
 * the UAL's {@code RecordType}/{@code Workload}, or the fields a Graph object has — and maps it to an event.
 * File names are never consulted.
 */
public final class RecordMapper {
    private RecordMapper() {
    }

    /** The outcome for one record: an event, a skip (recognised, not used) or a rejection, each with a table. */
    public sealed interface Result {
        Table table();
    }

    public record Mapped(Table table, Event event) implements Result {
    }

    public record Skipped(Table table, String reason) implements Result {
    }

    public record Rejected(Table table, String reason) implements Result {
    }

    public static Result map(Row row, Source src) {
        Row record = row;
        Table table;
        String tenant;
        String category = row.text(CATEGORY);
        Row properties = row.object(PROPERTIES);
        if (!properties.isEmpty() && !category.isEmpty()) {
            // diagnostic settings / Event Hubs: route on the record's own category, read its properties
            table = byCategory(category);
            // an audit record is one by its content: exports that put the directory category (Policy,
            // DirectoryManagement, ApplicationManagement) where the envelope's AuditLogs belongs still hold one
            if (table == Table.UNSUPPORTED && auditContent(properties)) table = Table.AUDIT;
            record = new LayeredRow(properties, row);
            tenant = row.has(TENANT_ID) ? row.text(TENANT_ID) : properties.first(TENANT_ID, AAD_TENANT_ID, HOME_TENANT_ID);
        } else if (row.has(TYPE) && byLogAnalyticsType(row.text(TYPE)) != null) {
            table = byLogAnalyticsType(row.text(TYPE));
            tenant = row.text(AAD_TENANT_ID); // TenantId is the Log Analytics workspace, not the Entra tenant
        } else {
            table = byShape(row);
            tenant = row.first(AAD_TENANT_ID, ORGANIZATION_ID, TENANT_ID, HOME_TENANT_ID);
            if (table == null && row.has(TYPE) && row.has(TIME_GENERATED)) {
                // a Log Analytics row of another table (a union query, a whole-workspace export)
                return new Skipped(Table.UNSUPPORTED, "Log Analytics table '" + row.text(TYPE) + "' is not used by the detections");
            }
        }
        if (table == null) {
            return new Rejected(Table.UNSUPPORTED, "unrecognised record (fields: " + preview(row.names()) + ")");
        }
        if (table == Table.OFFICE_ACTIVITY) {
            int type = OfficeMapper.recordType(record);
            if (type == 15 || record.text(OPERATION).equals("UserLoggedIn") || record.text(OPERATION).equals("UserLoginFailed")) {
                table = Table.UAL_STS_LOGON;
            } else if (type == 8 || type == 9) {
                table = Table.UAL_DIRECTORY;
            }
            if (tenant.isEmpty()) tenant = record.text(ORGANIZATION_ID);
        }
        try {
            return switch (table) {
                case SIGNIN_INTERACTIVE -> new Mapped(table, SignInMapper.map(record, src, interactive(record), tenant));
                case SIGNIN_NON_INTERACTIVE -> new Mapped(table, SignInMapper.map(record, src, SignIn.Category.NON_INTERACTIVE, tenant));
                case SIGNIN_SERVICE_PRINCIPAL -> new Mapped(table, SignInMapper.map(record, src, SignIn.Category.SERVICE_PRINCIPAL, tenant));
                case SIGNIN_MANAGED_IDENTITY -> new Mapped(table, SignInMapper.map(record, src, SignIn.Category.MANAGED_IDENTITY, tenant));
                case AUDIT -> new Mapped(table, AuditMapper.map(record, src, tenant));
                case RISK_DETECTION -> new Mapped(table, RiskMapper.detection(record, src, tenant));
                case RISKY_USER -> new Mapped(table, RiskMapper.riskyUser(record, src, tenant));
                case OFFICE_ACTIVITY -> new Mapped(table, OfficeMapper.map(record, src, tenant));
                case UAL_DIRECTORY -> new Mapped(table, UalDirectoryMapper.audit(record, src, tenant));
                case UAL_STS_LOGON -> new Mapped(table, UalDirectoryMapper.stsLogon(record, src, tenant));
                case GRAPH_ACTIVITY -> new Mapped(table, OfficeMapper.graphActivity(record, src, tenant));
                case SECURITY_ALERT -> new Mapped(table, AlertMapper.map(record, src, tenant));
                case UNSUPPORTED -> new Skipped(table, unsupportedReason(row, category));
            };
        } catch (IllegalArgumentException e) {
            return new Rejected(table, e.getMessage());
        } catch (RuntimeException e) {
            return new Rejected(table, "malformed " + table.label() + " record: " + e.getMessage());
        }
    }

    /** SigninLogs rows are interactive; a Graph signIn says so itself (isInteractive, beta signInEventTypes). */
    private static SignIn.Category interactive(Row r) {
        if (r.has(IS_INTERACTIVE) && !r.bool(IS_INTERACTIVE)) return SignIn.Category.NON_INTERACTIVE;
        List<String> types = r.strings(SIGNIN_EVENT_TYPES);
        if (!types.isEmpty() && !types.contains("interactiveUser")) {
            if (types.contains("servicePrincipal")) return SignIn.Category.SERVICE_PRINCIPAL;
            if (types.contains("managedIdentity")) return SignIn.Category.MANAGED_IDENTITY;
            return SignIn.Category.NON_INTERACTIVE;
        }
        return SignIn.Category.INTERACTIVE;
    }

    private static Table byCategory(String category) {
        return switch (category.toLowerCase(Locale.ROOT)) {
            case "signinlogs" -> Table.SIGNIN_INTERACTIVE;
            case "noninteractiveusersigninlogs" -> Table.SIGNIN_NON_INTERACTIVE;
            case "serviceprincipalsigninlogs" -> Table.SIGNIN_SERVICE_PRINCIPAL;
            case "managedidentitysigninlogs" -> Table.SIGNIN_MANAGED_IDENTITY;
            case "auditlogs" -> Table.AUDIT;
            case "userriskevents" -> Table.RISK_DETECTION;
            case "riskyusers" -> Table.RISKY_USER;
            case "microsoftgraphactivitylogs" -> Table.GRAPH_ACTIVITY;
            default -> Table.UNSUPPORTED;
        };
    }

    private static Table byLogAnalyticsType(String type) {
        return switch (type) {
            case "SigninLogs" -> Table.SIGNIN_INTERACTIVE;
            case "AADNonInteractiveUserSignInLogs" -> Table.SIGNIN_NON_INTERACTIVE;
            case "AADServicePrincipalSignInLogs" -> Table.SIGNIN_SERVICE_PRINCIPAL;
            case "AADManagedIdentitySignInLogs" -> Table.SIGNIN_MANAGED_IDENTITY;
            case "AuditLogs" -> Table.AUDIT;
            case "AADUserRiskEvents" -> Table.RISK_DETECTION;
            case "AADRiskyUsers" -> Table.RISKY_USER;
            case "OfficeActivity" -> Table.OFFICE_ACTIVITY;
            case "MicrosoftGraphActivityLogs" -> Table.GRAPH_ACTIVITY;
            case "SecurityAlert", "AlertInfo", "AlertEvidence" -> Table.SECURITY_ALERT;
            default -> null;
        };
    }

    /** An Entra directory audit's own fields: its activity, and who did it to what or the service that logged it. */
    private static boolean auditContent(Row properties) {
        return properties.has(ACTIVITY_NAME) && (properties.has(INITIATED_BY) || properties.has(TARGET_RESOURCES)
                || properties.has(LOGGED_BY_SERVICE));
    }

    /** Graph objects, UAL records and Log Analytics projections without a Type column. */
    private static Table byShape(Row r) {
        if (isSecurityAlert(r)) return Table.SECURITY_ALERT;
        if (r.has(CREATION_TIME) && r.has(OPERATION)) return Table.OFFICE_ACTIVITY;
        if (r.has(WORKLOAD) && r.has(OPERATION)) return Table.OFFICE_ACTIVITY;
        if (r.has(ACTIVITY_NAME) && r.has(ACTIVITY_TIME)) return Table.AUDIT;
        if (r.has(RISK_EVENT_TYPE) || (r.has(RISK_TYPE) && r.has(DETECTED_TIME))) return Table.RISK_DETECTION;
        if (r.has(CREATED) && (r.has(APP_ID) || r.has(UPN)) && (r.has(IP) || r.has(STATUS))) return Table.SIGNIN_INTERACTIVE;
        if (r.has(REQUEST_URI) && r.has(REQUEST_METHOD)) return Table.GRAPH_ACTIVITY;
        if (r.has(TIMESTAMP) && (r.has(ACTION_TYPE) || r.has(REPORT_ID))) return Table.UNSUPPORTED;
        return null;
    }

    /**
     * Graph alerts_v2 (a portal link, or a provider id beside the service that raised it), Defender advanced hunting
     * AlertInfo/AlertEvidence (Timestamp, AlertId, Title) and a SecurityAlert projection (SystemAlertId, AlertName).
     */
    private static boolean isSecurityAlert(Row r) {
        if (r.has(TITLE) && (r.has(ALERT_WEB_URL) || (r.has(PROVIDER_ALERT_ID) && r.has(SERVICE_SOURCE)))) return true;
        if (r.has(TIMESTAMP) && r.has(ALERT_ID) && r.has(TITLE)) return true;
        return r.has(SYSTEM_ALERT_ID) && r.has(TITLE);
    }

    private static String unsupportedReason(Row row, String category) {
        if (!category.isEmpty() && row.has(PROPERTIES)) return "diagnostic category '" + category + "' is not used by the detections";
        if (row.has(TIMESTAMP) && row.has(ACTION_TYPE)) return "Microsoft 365 Defender advanced hunting record: not used by the detections";
        return "record type not used by the detections";
    }

    private static String preview(List<String> names) {
        if (names.isEmpty()) return "none";
        List<String> first = names.subList(0, Math.min(8, names.size()));
        return String.join(", ", first) + (names.size() > 8 ? ", …" : "");
    }
}

package io.aitmdefense.events.read.map;

import io.aitmdefense.events.LogId;
import io.aitmdefense.events.IpAddress;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.Timestamps;
import io.aitmdefense.events.read.row.Row;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.aitmdefense.events.read.row.Fields.*;

/**
 * Unified audit log records (Management Activity API, Purview AuditData, Log Analytics OfficeActivity) for Exchange,
 * SharePoint/OneDrive and the rest, and Microsoft Graph activity log requests.
 */
final class OfficeMapper {
    /** RecordType names the OfficeActivity table writes instead of numbers. */
    static final Map<String, Integer> RECORD_TYPES = Map.ofEntries(
            Map.entry("exchangeadmin", 1), Map.entry("exchangeitem", 2), Map.entry("exchangeitemgroup", 3),
            Map.entry("sharepoint", 4), Map.entry("sharepointfileoperation", 6), Map.entry("azureactivedirectory", 8),
            Map.entry("azureactivedirectoryaccountlogon", 9), Map.entry("sharepointsharingoperation", 14),
            Map.entry("azureactivedirectorystslogon", 15), Map.entry("exchangeaggregatedoperation", 19),
            Map.entry("microsoftteams", 25), Map.entry("exchangeitemaggregated", 50));
    private static final Map<String, Integer> LOGON_TYPES = Map.of("owner", 0, "admin", 1, "delegated", 2,
            "transport", 3, "systemservice", 4, "delegatedadmin", 6);

    private OfficeMapper() {
    }

    static int recordType(Row r) {
        String t = r.text(RECORD_TYPE).trim();
        if (t.isEmpty()) return 0;
        if (Character.isDigit(t.charAt(0))) return (int) r.number(RECORD_TYPE, 0);
        return RECORD_TYPES.getOrDefault(t.toLowerCase(Locale.ROOT), 0);
    }

    /**
     * The client address: mailbox records carry it as ClientIPAddress, admin and directory records as ClientIP,
     * STS and directory records also as ActorIpAddress. The first one that is an address wins: ClientIP is often
     * {@code <null>} or "" on directory records while ActorIpAddress has the address.
     */
    static String ip(Row r) {
        return firstAddress(r, CLIENT_IP_ADDRESS, CLIENT_IP, ACTOR_IP);
    }

    static String firstAddress(Row r, io.aitmdefense.events.read.row.Field... fields) {
        for (io.aitmdefense.events.read.row.Field f : fields) {
            String ip = IpAddress.normalise(r.text(f));
            if (!ip.isEmpty()) return ip;
        }
        return "";
    }

    static OfficeActivity map(Row r, Source src, String tenant) {
        String operation = r.text(OPERATION);
        String clientInfo = r.text(CLIENT_INFO);
        Row context = r.object(APP_ACCESS_CONTEXT);
        String logon = r.text(LOGON_TYPE).trim();
        int logonType = logon.isEmpty() ? -1 : Character.isDigit(logon.charAt(0)) ? (int) r.number(LOGON_TYPE, -1)
                : LOGON_TYPES.getOrDefault(logon.toLowerCase(Locale.ROOT), -1);
        String result = r.text(RESULT_STATUS);
        boolean success = result.isEmpty() || !(result.equalsIgnoreCase("Failed") || result.equalsIgnoreCase("False"));
        return new OfficeActivity(Timestamps.parse(r.first(CREATION_TIME, TIME_GENERATED, START_TIME, CREATION_DATE)), src, tenant,
                LogId.of(r.first(ID, OFFICE_ID)), r.text(WORKLOAD), operation, recordType(r),
                r.first(USER_ID, USER_IDS), r.text(MAILBOX_OWNER), ip(r), clientInfo, userAgent(r, clientInfo),
                r.text(APP_ID), r.first(CLIENT_APP_ID).isEmpty() ? context.text(CLIENT_APP_ID) : r.text(CLIENT_APP_ID),
                context.text(AAD_SESSION_ID).toLowerCase(Locale.ROOT), context.id(UNIQUE_TOKEN_ID_UAL),
                logonType, success, items(operation, r), subject(r), r.text(OBJECT_ID),
                MailboxArtifacts.of(operation, r));
    }

    /** A Graph activity log request as an activity of the calling user's token (C_Sid = Entra session). */
    static OfficeActivity graphActivity(Row r, Source src, String tenant) {
        String uri = r.text(REQUEST_URI);
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        long status = r.number(RESPONSE_STATUS, 0);
        return new OfficeActivity(Timestamps.parse(r.first(TIME, TIME_GENERATED)), src, tenant, LogId.of(r.first(REQUEST_ID, ID)),
                "MicrosoftGraph", r.text(REQUEST_METHOD) + " " + path, 0, r.text(USER_ID), "",
                IpAddress.normalise(r.text(IP)), "", r.text(USER_AGENT), r.text(APP_ID), r.text(APP_ID),
                r.text(C_SID).toLowerCase(Locale.ROOT), r.id(SIGNIN_ACTIVITY_ID), -1, status < 400, 1, "", uri,
                java.util.Optional.empty());
    }

    /** OWA writes the browser inside ClientInfoString ("Client=OWA;Mozilla/5.0 …;"); STS records in ExtendedProperties. */
    private static String userAgent(Row r, String clientInfo) {
        String ua = r.text(USER_AGENT);
        if (!ua.isEmpty()) return ua;
        String ext = MailboxArtifacts.pairs(r.objects(EXTENDED_PROPERTIES)).get("useragent");
        if (ext != null) return ext;
        int moz = clientInfo.indexOf("Mozilla/");
        if (moz >= 0) {
            int end = clientInfo.indexOf(';', clientInfo.indexOf(')', moz) + 1);
            return end > moz ? clientInfo.substring(moz, end) : clientInfo.substring(moz);
        }
        return "";
    }

    /** Messages touched: MailItemsAccessed counts folder items, deletes count affected items, otherwise one. */
    private static int items(String operation, Row r) {
        if (operation.equalsIgnoreCase("MailItemsAccessed")) {
            int n = 0;
            for (Row folder : r.objects(FOLDERS)) n += folder.objects(FOLDER_ITEMS).size();
            if (n == 0) n = (int) Math.max(1, r.number(OPERATION_COUNT, 1));
            return n;
        }
        List<Row> affected = r.objects(AFFECTED_ITEMS);
        if (!affected.isEmpty()) return affected.size();
        return (int) Math.max(1, r.number(OPERATION_COUNT, 1));
    }

    private static String subject(Row r) {
        String s = r.object(ITEM).text(SUBJECT);
        if (!s.isEmpty()) return s;
        List<Row> affected = r.objects(AFFECTED_ITEMS);
        return affected.isEmpty() ? "" : affected.get(0).text(SUBJECT);
    }
}

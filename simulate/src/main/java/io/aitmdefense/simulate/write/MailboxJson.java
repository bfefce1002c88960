package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.MailboxRecord;
import io.aitmdefense.simulate.log.NameValue;
import io.aitmdefense.simulate.tenant.Tenant;

import java.io.IOException;
import java.util.List;

/**
 * An Exchange unified-audit-log record as the Management Activity API returns it, or as the Log Analytics
 * {@code OfficeActivity} table renames it (log-schemas §7.2: OfficeWorkload, Client_IPAddress, Logon_Type, OfficeId,
 * RecordType as a name, Parameters and friends as JSON text).
 */
final class MailboxJson {
    private static final String[] LOGON_TYPES = {"Owner", "Admin", "Delegated", "Transport", "SystemService", "", "DelegatedAdmin"};

    private final Tenant tenant;
    private final Nested nested;

    MailboxJson(Tenant tenant, Nested nested) {
        this.tenant = tenant;
        this.nested = nested;
    }

    void managementApi(JsonGenerator g, MailboxRecord r) throws IOException {
        g.writeStringField("CreationTime", Times.ual(r.time()));
        g.writeStringField("Id", r.id());
        g.writeStringField("Operation", r.operation());
        g.writeStringField("OrganizationId", tenant.tenantId());
        g.writeNumberField("RecordType", r.recordType());
        g.writeStringField("ResultStatus", r.resultStatus());
        g.writeStringField("UserKey", userKey(r));
        g.writeNumberField("UserType", r.userType());
        g.writeNumberField("Version", 1);
        g.writeStringField("Workload", "Exchange");
        g.writeStringField("ClientIP", r.clientIp());
        g.writeStringField("UserId", r.userId());
        common(g, r, false);
    }

    void logAnalytics(JsonGenerator g, MailboxRecord r) throws IOException {
        g.writeStringField("TenantId", tenant.workspaceId());
        g.writeStringField("SourceSystem", "OfficeActivityManager");
        g.writeStringField("TimeGenerated", Times.ticksZ(r.time()));
        g.writeStringField("Operation", r.operation());
        g.writeStringField("OrganizationId", tenant.tenantId());
        g.writeStringField("OfficeTenantId", tenant.tenantId());
        // the table's enum knows the classic record types by name; MailItemsAccessed (50) came later and stays a number
        g.writeStringField("RecordType", switch (r.recordType()) {
            case 1 -> "ExchangeAdmin";
            case 2 -> "ExchangeItem";
            case 3 -> "ExchangeItemGroup";
            default -> Integer.toString(r.recordType());
        });
        g.writeStringField("ResultStatus", r.resultStatus());
        g.writeStringField("UserKey", userKey(r));
        g.writeStringField("UserType", r.userType() == 4 ? "System" : r.userType() == 2 ? "Admin" : "Regular");
        g.writeStringField("OfficeWorkload", "Exchange");
        g.writeStringField("ClientIP", r.clientIp());
        g.writeStringField("UserId", r.userId());
        g.writeStringField("OfficeId", r.id());
        g.writeStringField("SourceRecordId", r.id());
        common(g, r, true);
        g.writeStringField("Type", "OfficeActivity");
    }

    private void common(JsonGenerator g, MailboxRecord r, boolean la) throws IOException {
        g.writeStringField(la ? "OfficeObjectId" : "ObjectId", r.objectId());
        g.writeStringField("OrganizationName", tenant.domain().replace(".", "") + ".onmicrosoft.com");
        g.writeStringField("OriginatingServer", tenant.exchangeServer().substring(0, 12) + " (15.20.8207.017)\r\n");
        g.writeBooleanField("ExternalAccess", false);
        g.writeStringField("AppId", r.appId());
        g.writeStringField("ClientAppId", r.clientAppId());
        g.writeStringField("SessionId", r.exchangeSessionId());
        if (r.admin()) {
            nested.field(g, "Parameters", la, n -> pairs(n, r.parameters()));
            g.writeStringField("TokenObjectId", r.userType() == 4 ? "" : userKey(r));
            g.writeStringField("TokenTenantId", tenant.tenantId());
        } else {
            g.writeStringField(la ? "Client_IPAddress" : "ClientIPAddress", r.clientIp());
            g.writeStringField("ClientInfoString", r.clientInfo());
            g.writeStringField("ClientProcessName", "");
            g.writeStringField("ClientVersion", "");
            g.writeNumberField("InternalLogonType", 0);
            if (la) g.writeStringField("Logon_Type", LOGON_TYPES[r.logonType()]);
            else g.writeNumberField("LogonType", r.logonType());
            g.writeStringField("LogonUserSid", "S-1-5-21-" + Math.abs(r.userId().hashCode()) + "-1004");
            g.writeStringField("MailboxGuid", r.mailboxGuid());
            g.writeStringField("MailboxOwnerUPN", r.mailboxOwner());
            if (!r.operationProperties().isEmpty()) nested.field(g, "OperationProperties", la, n -> pairs(n, r.operationProperties()));
            if (!r.folders().isEmpty()) {
                nested.field(g, "Folders", la, n -> folders(n, r.folders()));
                g.writeNumberField("OperationCount", r.folders().stream().mapToInt(f -> f.internetMessageIds().size()).sum());
            }
            if (!r.item().id().isEmpty()) nested.field(g, "Item", la, n -> item(n, r.item()));
        }
        g.writeFieldName("AppAccessContext");
        g.writeStartObject();
        if (!r.aadSessionId().isEmpty()) {
            g.writeStringField("AADSessionId", r.aadSessionId());
            g.writeStringField("ClientAppId", r.clientAppId());
            g.writeStringField("IssuedAtTime", Times.ual(r.tokenIssuedAt()));
            g.writeStringField("UniqueTokenId", r.uniqueTokenId());
        }
        g.writeEndObject();
    }

    private static String userKey(MailboxRecord r) {
        return r.userType() == 4 ? "S-1-5-18" : "1003" + Integer.toHexString(Math.abs(r.userId().hashCode())).toUpperCase();
    }

    private static void pairs(JsonGenerator g, List<NameValue> pairs) throws IOException {
        g.writeStartArray();
        for (NameValue p : pairs) {
            g.writeStartObject();
            g.writeStringField("Name", p.name());
            g.writeStringField("Value", p.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void folders(JsonGenerator g, List<MailboxRecord.Folder> folders) throws IOException {
        g.writeStartArray();
        for (MailboxRecord.Folder f : folders) {
            g.writeStartObject();
            g.writeStringField("Path", f.path());
            g.writeArrayFieldStart("FolderItems");
            for (int i = 0; i < f.internetMessageIds().size(); i++) {
                g.writeStartObject();
                g.writeStringField("InternetMessageId", f.internetMessageIds().get(i));
                g.writeNumberField("SizeInBytes", f.sizes().get(i));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void item(JsonGenerator g, MailboxRecord.Item item) throws IOException {
        g.writeStartObject();
        g.writeStringField("Id", item.id());
        g.writeStringField("InternetMessageId", item.internetMessageId());
        g.writeObjectFieldStart("ParentFolder");
        g.writeStringField("Path", item.parentFolder());
        g.writeEndObject();
        g.writeNumberField("SizeInBytes", item.sizeInBytes());
        g.writeStringField("Subject", item.subject());
        g.writeEndObject();
    }
}

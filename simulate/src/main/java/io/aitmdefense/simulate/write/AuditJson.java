package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.AuditRecord;
import io.aitmdefense.simulate.log.NameValue;

import java.io.IOException;

/** The fields of a directory audit record: AuditLogs columns, diagnostic-settings properties or a Graph directoryAudit. */
final class AuditJson {
    private AuditJson() {
    }

    static void fields(JsonGenerator g, AuditRecord r, Style s) throws IOException {
        boolean la = s == Style.LOG_ANALYTICS;
        String time = s == Style.GRAPH ? Times.graph(r.time()) : s == Style.EVENT_HUBS ? Times.ticksOffset(r.time()) : Times.ticksZ(r.time());
        g.writeStringField(la ? "Id" : "id", r.id());
        g.writeStringField(la ? "Category" : "category", r.category());
        g.writeStringField(la ? "CorrelationId" : "correlationId", r.correlationId());
        g.writeStringField(la ? "Result" : "result", r.result());
        g.writeStringField(la ? "ResultReason" : "resultReason", r.resultReason());
        g.writeStringField(la ? "ActivityDisplayName" : "activityDisplayName", r.activity());
        if (la) g.writeStringField("OperationName", r.activity());
        g.writeStringField(la ? "ActivityDateTime" : "activityDateTime", time);
        g.writeStringField(la ? "LoggedByService" : "loggedByService", r.service());
        g.writeStringField(la ? "AADOperationType" : "operationType", r.operationType());
        g.writeFieldName(la ? "InitiatedBy" : "initiatedBy");
        initiatedBy(g, r, s);
        g.writeArrayFieldStart(la ? "TargetResources" : "targetResources");
        for (AuditRecord.Target t : r.targets()) {
            g.writeStartObject();
            g.writeStringField("id", t.id());
            g.writeStringField("displayName", t.displayName());
            g.writeStringField("type", t.type());
            g.writeStringField("userPrincipalName", t.userPrincipalName());
            g.writeArrayFieldStart("modifiedProperties");
            for (AuditRecord.Change c : t.changes()) {
                g.writeStartObject();
                g.writeStringField("displayName", c.name());
                g.writeStringField("oldValue", c.oldValue());
                g.writeStringField("newValue", c.newValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart(la ? "AdditionalDetails" : "additionalDetails");
        for (NameValue kv : r.additionalDetails()) {
            g.writeStartObject();
            g.writeStringField("key", kv.name());
            g.writeStringField("value", kv.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void initiatedBy(JsonGenerator g, AuditRecord r, Style s) throws IOException {
        g.writeStartObject();
        if (r.byUser()) {
            g.writeObjectFieldStart("user");
            g.writeStringField("id", r.actorUserId());
            g.writeStringField("displayName", "");
            g.writeStringField("userPrincipalName", r.actorUpn());
            g.writeStringField("ipAddress", r.actorIp().isEmpty() ? "<null>" : r.actorIp());
            g.writeArrayFieldStart("roles");
            g.writeEndArray();
            g.writeEndObject();
            if (s == Style.GRAPH && !r.sessionId().isEmpty()) {
                g.writeObjectFieldStart("linkableIdentifiers");
                g.writeStringField("sessionId", r.sessionId());
                g.writeObjectFieldStart("tokenDetails");
                g.writeStringField("uniqueTokenIdentifier", r.uniqueTokenId());
                g.writeEndObject();
                g.writeEndObject();
            }
        } else {
            g.writeObjectFieldStart("app");
            g.writeStringField("appId", r.actorAppId());
            g.writeStringField("displayName", r.actorAppName());
            g.writeStringField("servicePrincipalId", r.actorServicePrincipalId());
            g.writeStringField("servicePrincipalName", r.actorAppName());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}

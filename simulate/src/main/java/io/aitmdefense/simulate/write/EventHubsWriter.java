package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.AuditRecord;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.RiskRecord;
import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.tenant.Tenant;

import java.io.IOException;

/**
 * Entra diagnostic-settings records (log-schemas §3.2): Azure Monitor envelope fields around a camelCase
 * {@code properties}; {@code time} is the emission time, {@code properties.createdDateTime} the sign-in time.
 */
final class EventHubsWriter implements RecordWriter {
    private final Tenant tenant;
    private final Nested nested;
    private final SignInJson signIns;
    private final String resourceId;

    EventHubsWriter(Tenant tenant, Nested nested) {
        this.tenant = tenant;
        this.nested = nested;
        this.signIns = new SignInJson(tenant, nested);
        this.resourceId = "/tenants/" + tenant.tenantId() + "/providers/Microsoft.aadiam";
    }

    @Override
    public void write(JsonGenerator g, LogRecord r) throws IOException {
        g.writeStartObject();
        // risk records were seen with a US-style emission time (log-schemas §3.2); the others use ISO
        g.writeStringField("time", r instanceof RiskRecord ? Times.us(r.arrival()) : Times.ticksZ(r.arrival()));
        g.writeStringField("resourceId", resourceId);
        if (r instanceof SignInRecord s) {
            g.writeStringField("operationName", "Sign-in activity");
            g.writeStringField("operationVersion", "1.0");
            g.writeStringField("category", s.interactive() ? "SignInLogs" : "NonInteractiveUserSignInLogs");
            g.writeStringField("tenantId", tenant.tenantId());
            g.writeStringField("resultType", Integer.toString(s.errorCode()));
            g.writeStringField("resultSignature", s.errorCode() == 0 ? "SUCCESS" : "None");
            g.writeNumberField("durationMs", 0);
            g.writeStringField("callerIpAddress", s.ip());
            g.writeStringField("correlationId", s.correlationId());
            g.writeStringField("identity", s.user().displayName());
            g.writeNumberField("Level", 4);
            g.writeStringField("location", s.place().country());
            g.writeObjectFieldStart("properties");
            signIns.fields(g, s, Style.EVENT_HUBS);
            g.writeEndObject();
        } else if (r instanceof AuditRecord a) {
            g.writeStringField("operationName", a.activity());
            g.writeStringField("operationVersion", "1.0");
            g.writeStringField("category", "AuditLogs");
            g.writeStringField("tenantId", tenant.tenantId());
            g.writeStringField("resultSignature", "None");
            g.writeNumberField("durationMs", 0);
            g.writeStringField("callerIpAddress", a.actorIp().isEmpty() ? "<null>" : a.actorIp());
            g.writeStringField("correlationId", a.correlationId());
            g.writeStringField("Level", "Informational");
            g.writeObjectFieldStart("properties");
            AuditJson.fields(g, a, Style.EVENT_HUBS);
            g.writeEndObject();
        } else {
            RiskRecord k = (RiskRecord) r;
            g.writeStringField("operationName", "User Risk Detection");
            g.writeStringField("category", "UserRiskEvents");
            g.writeStringField("tenantId", tenant.tenantId());
            g.writeStringField("callerIpAddress", k.ip());
            g.writeStringField("correlationId", k.correlationId());
            g.writeNumberField("Level", 4);
            g.writeObjectFieldStart("properties");
            RiskJson.fields(g, k, Style.EVENT_HUBS, nested);
            g.writeStringField("homeTenantId", tenant.tenantId());
            g.writeStringField("crossTenantAccessType", "none");
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}

package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.AuditRecord;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.MailboxRecord;
import io.aitmdefense.simulate.log.RiskRecord;
import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.tenant.Tenant;

import java.io.IOException;

/**
 * Log Analytics rows as a KQL query exports them: PascalCase columns, {@code TenantId} = workspace,
 * {@code AADTenantId} = Entra tenant, {@code TimeGenerated} = ingestion time, {@code Type} = table name.
 */
final class LogAnalyticsWriter implements RecordWriter {
    private final Tenant tenant;
    private final Nested nested;
    private final SignInJson signIns;
    private final MailboxJson mailbox;

    LogAnalyticsWriter(Tenant tenant, Nested nested) {
        this.tenant = tenant;
        this.nested = nested;
        this.signIns = new SignInJson(tenant, nested);
        this.mailbox = new MailboxJson(tenant, nested);
    }

    @Override
    public void write(JsonGenerator g, LogRecord r) throws IOException {
        g.writeStartObject();
        if (r instanceof MailboxRecord m) {
            mailbox.logAnalytics(g, m);
            g.writeEndObject();
            return;
        }
        g.writeStringField("TenantId", tenant.workspaceId());
        g.writeStringField("SourceSystem", "Azure AD");
        g.writeStringField("TimeGenerated", Times.ticksZ(r.arrival()));
        if (r instanceof SignInRecord s) {
            g.writeStringField("OperationName", "Sign-in activity");
            g.writeStringField("OperationVersion", "1.0");
            g.writeStringField("Category", s.interactive() ? "SignInLogs" : "NonInteractiveUserSignInLogs");
            g.writeStringField("ResultType", Integer.toString(s.errorCode()));
            g.writeStringField("ResultSignature", "None");
            g.writeStringField("ResultDescription", s.errorCode() == 0 ? "" : "This error occurred due to 'Keep me signed in' interrupt when the user was signing in.");
            g.writeStringField("DurationMs", "0");
            g.writeStringField("Level", "4");
            g.writeStringField("Identity", s.user().displayName());
            g.writeStringField("AADTenantId", tenant.tenantId());
            signIns.fields(g, s, Style.LOG_ANALYTICS);
            g.writeStringField("Type", s.interactive() ? "SigninLogs" : "AADNonInteractiveUserSignInLogs");
        } else if (r instanceof AuditRecord a) {
            g.writeStringField("OperationVersion", "1.0");
            g.writeStringField("ResultSignature", "None");
            g.writeStringField("DurationMs", "0");
            g.writeStringField("Level", "4");
            g.writeStringField("Identity", a.byUser() ? a.actorUpn() : a.actorAppName());
            g.writeStringField("AADTenantId", tenant.tenantId());
            AuditJson.fields(g, a, Style.LOG_ANALYTICS);
            g.writeStringField("Type", "AuditLogs");
        } else {
            RiskRecord k = (RiskRecord) r;
            g.writeStringField("OperationName", "User Risk Detection");
            RiskJson.fields(g, k, Style.LOG_ANALYTICS, nested);
            g.writeStringField("Type", "AADUserRiskEvents");
        }
        g.writeEndObject();
    }
}

package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.AuditRecord;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.RiskRecord;
import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.tenant.Tenant;

import java.io.IOException;

/** Graph beta objects: signIn (with the beta token and session fields), directoryAudit, riskDetection. */
final class GraphWriter implements RecordWriter {
    private final Nested nested;
    private final SignInJson signIns;

    GraphWriter(Tenant tenant, Nested nested) {
        this.nested = nested;
        this.signIns = new SignInJson(tenant, nested);
    }

    @Override
    public void write(JsonGenerator g, LogRecord r) throws IOException {
        g.writeStartObject();
        if (r instanceof SignInRecord s) signIns.fields(g, s, Style.GRAPH);
        else if (r instanceof AuditRecord a) AuditJson.fields(g, a, Style.GRAPH);
        else RiskJson.fields(g, (RiskRecord) r, Style.GRAPH, nested);
        g.writeEndObject();
    }
}

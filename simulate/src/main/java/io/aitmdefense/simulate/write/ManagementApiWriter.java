package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.MailboxRecord;
import io.aitmdefense.simulate.tenant.Tenant;

import java.io.IOException;

/** Office 365 Management Activity API records (Audit.Exchange content). */
final class ManagementApiWriter implements RecordWriter {
    private final MailboxJson mailbox;

    ManagementApiWriter(Tenant tenant, Nested nested) {
        this.mailbox = new MailboxJson(tenant, nested);
    }

    @Override
    public void write(JsonGenerator g, LogRecord r) throws IOException {
        g.writeStartObject();
        mailbox.managementApi(g, (MailboxRecord) r);
        g.writeEndObject();
    }
}

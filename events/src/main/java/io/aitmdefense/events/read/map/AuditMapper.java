package io.aitmdefense.events.read.map;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.IpAddress;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.Timestamps;
import io.aitmdefense.events.read.row.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.aitmdefense.events.read.row.Fields.*;

/** Entra directory audit records: Log Analytics AuditLogs, diagnostic-settings AuditLogs, Graph directoryAudits. */
final class AuditMapper {
    private AuditMapper() {
    }

    static DirectoryAudit map(Row r, Source src, String tenant) {
        Row initiator = r.object(INITIATED_BY);
        Row user = initiator.object(USER), app = initiator.object(APP), links = initiator.object(LINKABLE_IDS);
        DirectoryAudit.Actor actor = new DirectoryAudit.Actor(user.text(ID), user.text(UPN), app.text(APP_ID),
                app.first(DISPLAY_NAME, SERVICE_PRINCIPAL_NAME), IpAddress.normalise(user.text(IP)));
        List<DirectoryAudit.Target> targets = new ArrayList<>();
        for (Row t : r.objects(TARGET_RESOURCES)) {
            List<DirectoryAudit.Change> changes = new ArrayList<>();
            for (Row m : t.objects(MODIFIED_PROPERTIES)) {
                changes.add(new DirectoryAudit.Change(m.first(DISPLAY_NAME, NAME), m.text(OLD_VALUE), m.text(NEW_VALUE)));
            }
            targets.add(new DirectoryAudit.Target(t.text(ID), t.text(DISPLAY_NAME), t.text(TYPE), t.text(UPN), changes));
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Row kv : r.objects(ADDITIONAL_DETAILS)) details.put(kv.text(KEY), kv.text(VALUE));
        String operation = r.first(ACTIVITY_NAME, OPERATION_NAME).trim();
        String resultReason = r.text(RESULT_REASON);
        Optional<Artifact> artifact = AuditArtifacts.of(operation, targets, details, resultReason, !actor.isUser()
                || !actor.userPrincipalName().equalsIgnoreCase(targetUpn(targets)));
        return new DirectoryAudit(Timestamps.parse(r.first(ACTIVITY_TIME, TIME_GENERATED, TIME)), src, tenant,
                r.id(ID), r.id(CORRELATION_ID), operation, r.text(CATEGORY), r.text(LOGGED_BY_SERVICE),
                r.text(OPERATION_TYPE), r.text(RESULT), resultReason, actor, targets, details,
                links.text(SESSION_ID).toLowerCase(java.util.Locale.ROOT),
                links.object(TOKEN_DETAILS).id(UNIQUE_TOKEN_ID), artifact);
    }

    private static String targetUpn(List<DirectoryAudit.Target> targets) {
        for (DirectoryAudit.Target t : targets) if (!t.userPrincipalName().isEmpty()) return t.userPrincipalName();
        return "";
    }
}

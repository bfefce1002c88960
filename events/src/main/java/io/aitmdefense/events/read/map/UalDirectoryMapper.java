package io.aitmdefense.events.read.map;

import io.aitmdefense.events.LogId;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.AuthStep;
import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Geo;
import io.aitmdefense.events.Risk;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.TokenContext;
import io.aitmdefense.events.read.Timestamps;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.row.Row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.aitmdefense.events.read.row.Fields.*;

/**
 * The unified audit log's AzureActiveDirectory workload: directory operations (RecordType 8, e.g.
 * {@code Consent to application.}) become directory audits, STS logons (RecordType 15) become sign-ins.
 */
final class UalDirectoryMapper {
    private static final List<String> TRUST_TYPES = List.of("Azure AD registered", "Azure AD joined", "Hybrid Azure AD joined");

    private UalDirectoryMapper() {
    }

    static DirectoryAudit audit(Row r, Source src, String tenant) {
        String operation = r.text(OPERATION).trim();
        List<DirectoryAudit.Change> changes = new ArrayList<>();
        for (Row m : r.objects(MODIFIED_PROPERTIES)) {
            changes.add(new DirectoryAudit.Change(m.first(NAME, DISPLAY_NAME), m.text(OLD_VALUE), m.text(NEW_VALUE)));
        }
        String targetType = "", targetName = "";
        for (Row t : r.objects(TARGET)) {
            String id = t.text(ID);
            if (id.startsWith("ServicePrincipal_")) targetType = "ServicePrincipal";
            else if (id.startsWith("User_") && targetType.isEmpty()) targetType = "User";
            else if (id.startsWith("Device_") && targetType.isEmpty()) targetType = "Device";
            // Target entries of Type 1 are display names ("Mail Sync Helper"); the others are ids and claims
            else if (targetName.isEmpty() && t.text(TYPE).equals("1")) targetName = id;
        }
        Map<String, String> details = new LinkedHashMap<>();
        String extended = MailboxArtifacts.pairs(r.objects(EXTENDED_PROPERTIES)).getOrDefault("additionaldetails", "");
        if (extended.trim().startsWith("{")) {
            Row d = JsonRow.parse(extended.getBytes(StandardCharsets.UTF_8));
            if (!d.text(APP_ID).isEmpty()) details.put("AppId", d.text(APP_ID));
            if (!d.text(USER_AGENT_DASH).isEmpty()) details.put("User-Agent", d.text(USER_AGENT_DASH));
        }
        List<DirectoryAudit.Target> targets = List.of(new DirectoryAudit.Target(r.text(OBJECT_ID), targetName, targetType, "", changes));
        String upn = r.text(USER_ID);
        DirectoryAudit.Actor actor = new DirectoryAudit.Actor("", upn.contains("@") ? upn : "", "", upn.contains("@") ? "" : upn,
                OfficeMapper.ip(r));
        Optional<Artifact> artifact = AuditArtifacts.of(operation, targets, details, "", false);
        String result = r.text(RESULT_STATUS);
        return new DirectoryAudit(Timestamps.parse(r.first(CREATION_TIME, TIME_GENERATED, CREATION_DATE)), src, tenant,
                LogId.of(r.first(ID, OFFICE_ID)), LogId.NONE, operation.endsWith(".") ? operation.substring(0, operation.length() - 1) : operation,
                "", "Core Directory", "", result.equalsIgnoreCase("Success") || result.isEmpty() ? "success" : result.toLowerCase(Locale.ROOT),
                "", actor, targets, details, "", LogId.NONE, artifact);
    }

    static SignIn stsLogon(Row r, Source src, String tenant) {
        Map<String, String> ext = MailboxArtifacts.pairs(r.objects(EXTENDED_PROPERTIES));
        Map<String, String> dev = MailboxArtifacts.pairs(r.objects(DEVICE_PROPERTIES));
        String trust = dev.getOrDefault("trusttype", "");
        String trustType = trust.matches("[0-2]") ? TRUST_TYPES.get(Integer.parseInt(trust)) : trust;
        Device device = new Device(dev.getOrDefault("id", ""), dev.getOrDefault("displayname", ""), dev.getOrDefault("os", ""),
                dev.getOrDefault("browsertype", ""), trustType,
                dev.getOrDefault("iscompliant", dev.getOrDefault("iscompliantandmanaged", "")).equalsIgnoreCase("true"),
                dev.getOrDefault("iscompliantandmanaged", "").equalsIgnoreCase("true"));
        String requestType = ext.getOrDefault("requesttype", "");
        // OAuth2:Token is a token redemption/refresh (non-interactive); authorize, login and SAS steps involve the user
        SignIn.Category category = requestType.equalsIgnoreCase("OAuth2:Token") ? SignIn.Category.NON_INTERACTIVE
                : SignIn.Category.INTERACTIVE;
        String error = r.text(ERROR_NUMBER);
        int code = error.isEmpty() ? (r.text(OPERATION).equalsIgnoreCase("UserLoginFailed") ? -1 : 0)
                : (int) r.number(ERROR_NUMBER, -1);
        List<AuthStep> steps = new ArrayList<>();
        String method = ext.getOrDefault("userauthenticationmethod", "");
        if (!method.isEmpty()) steps.add(new AuthStep(method, "", code == 0, ext.getOrDefault("resultstatusdetail", ""), ""));
        return new SignIn(Timestamps.parse(r.first(CREATION_TIME, TIME_GENERATED, CREATION_DATE)), src, tenant,
                LogId.of(r.first(INTRA_SYSTEM_ID, ID)), LogId.NONE, dev.getOrDefault("sessionid", "").toLowerCase(Locale.ROOT),
                LogId.NONE,
                "", r.text(USER_ID), "", category, OfficeMapper.ip(r), 0, ext.getOrDefault("useragent", ""), device,
                Geo.UNKNOWN, List.of(), false, r.text(APPLICATION_ID), "", r.text(OBJECT_ID), "", "", "", steps, code,
                r.text(LOGON_ERROR), ext.getOrDefault("resultstatusdetail", ""), "", List.<CaResult>of(), Risk.NONE,
                TokenContext.UNKNOWN);
    }
}

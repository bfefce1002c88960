package io.aitmdefense.respond.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.respond.action.ClearForwardingAction;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.UserFacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the incident's evidence before anything changes (reference/graph-response.md §4): the user object,
 * interactive and non-interactive sign-ins and directory audits for the incident window, risk state and detections,
 * inbox rules, authentication methods, OAuth grants and app role assignments, registered devices — and through
 * Exchange admin REST, when configured, mailbox forwarding and every inbox rule including hidden ones. The reads go
 * out as one JSON batch; an item refused (403), throttled beyond the client's retries (429) or failed with its
 * dependency (424) is listed in the manifest with its error and the rest is kept. Only reads: dry-run runs it too.
 */
public final class EvidenceCollector {
    /** The window reaches a day either side of the attacker's activity: the phishing sign-in and the first mop-up. */
    private static final Duration MARGIN = Duration.ofDays(1);
    private static final int MAX_PAGES = 50;

    private final TenantApi api;

    public EvidenceCollector(TenantApi api) {
        this.api = api;
    }

    public EvidenceBundle collect(Findings f, UserFacts user, Path folder, Instant now) throws IOException {
        Files.createDirectories(folder);
        Instant from = f.firstActivity().minus(MARGIN);
        Instant to = f.lastActivity().plus(MARGIN).isAfter(now) ? now : f.lastActivity().plus(MARGIN);
        String id = user.id();
        String u = "/v1.0/users/" + Query.seg(f.user());
        Map<String, Call> reads = new LinkedHashMap<>();
        reads.put("user.json", Call.get(u + "?$select=id,userPrincipalName,displayName,accountEnabled,createdDateTime,"
                + "signInSessionsValidFromDateTime,onPremisesSyncEnabled,lastPasswordChangeDateTime"));
        reads.put("signins-interactive.json", Call.get("/v1.0/auditLogs/signIns?$filter=" + Query.enc("userId eq '" + id
                + "' and createdDateTime ge " + from + " and createdDateTime le " + to) + "&$top=1000"));
        reads.put("signins-noninteractive.json", Call.get("/beta/auditLogs/signIns?$filter=" + Query.enc("userId eq '" + id
                + "' and createdDateTime ge " + from + " and createdDateTime le " + to
                + " and (signInEventTypes/any(t: t eq 'nonInteractiveUser'))") + "&$top=1000"));
        reads.put("audits-targeting-user.json", Call.get("/v1.0/auditLogs/directoryAudits?$filter=" + Query.enc("activityDateTime ge "
                + from + " and activityDateTime le " + to + " and targetResources/any(t: t/id eq '" + id + "')")));
        reads.put("audits-by-user.json", Call.get("/v1.0/auditLogs/directoryAudits?$filter=" + Query.enc("activityDateTime ge "
                + from + " and activityDateTime le " + to + " and initiatedBy/user/id eq '" + id + "'")));
        reads.put("risky-user.json", Call.get("/v1.0/identityProtection/riskyUsers/" + Query.seg(id)));
        reads.put("risk-detections.json", Call.get("/v1.0/identityProtection/riskDetections?$filter="
                + Query.enc("userId eq '" + id + "' and detectedDateTime ge " + from)));
        reads.put("inbox-rules.json", Call.get(u + "/mailFolders/inbox/messageRules"));
        reads.put("authentication-methods.json", Call.get(u + "/authentication/methods"));
        reads.put("oauth2-permission-grants.json", Call.get(u + "/oauth2PermissionGrants"));
        reads.put("app-role-assignments.json", Call.get(u + "/appRoleAssignments"));
        reads.put("registered-devices.json", Call.get(u + "/registeredDevices"));
        reads.put("owned-devices.json", Call.get(u + "/ownedDevices"));
        List<String> notes = new ArrayList<>();
        notes.add("Graph lists only inbox rules visible to MAPI: rules hidden by the attacker need Exchange "
                + "Get-InboxRule -IncludeHidden" + (api.exchange() ? " (collected in exchange-inbox-rules.json)"
                : " (not configured: run the script's first lines)"));
        if (api.exchange()) {
            reads.put("exchange-mailbox.json", ClearForwardingAction.cmdlet(f.user(), "Get-Mailbox",
                    Map.of("Identity", f.user()), false));
            reads.put("exchange-inbox-rules.json", ClearForwardingAction.cmdlet(f.user(), "Get-InboxRule",
                    Map.of("Mailbox", f.user(), "IncludeHidden", true), false));
        } else {
            notes.add("Mailbox forwarding is visible only to Exchange (Get-Mailbox): not configured, see the script");
        }
        List<String> names = new ArrayList<>(reads.keySet());
        List<Reply> replies = api.batch(new ArrayList<>(reads.values()));
        List<EvidenceBundle.Item> files = new ArrayList<>();
        List<EvidenceBundle.Item> failed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Call call = reads.get(name);
            Reply r = replies.get(i);
            if (!r.ok()) {
                failed.add(new EvidenceBundle.Item(name, call.describe(), r.status(), "", 0, 0, r.describe()));
                continue;
            }
            JsonNode body = followPages(r.body(), failed, name);
            byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
            Files.write(folder.resolve(name), bytes);
            int records = body.has("value") ? body.path("value").size() : 1;
            files.add(new EvidenceBundle.Item(name, call.describe(), r.status(), sha256(bytes), bytes.length, records, ""));
        }
        ObjectNode manifest = Json.object();
        manifest.put("schema", EvidenceBundle.SCHEMA);
        manifest.put("incident", f.incidentId());
        manifest.put("user", f.user());
        manifest.put("userId", id);
        manifest.put("collected", now.toString());
        manifest.putObject("window").put("from", from.toString()).put("to", to.toString());
        ArrayNode fs = manifest.putArray("files");
        for (EvidenceBundle.Item it : files) {
            fs.addObject().put("name", it.name()).put("sha256", it.sha256()).put("bytes", it.bytes())
                    .put("records", it.records()).put("request", it.request()).put("status", it.status());
        }
        ArrayNode fl = manifest.putArray("failed");
        for (EvidenceBundle.Item it : failed) {
            fl.addObject().put("name", it.name()).put("request", it.request()).put("status", it.status())
                    .put("error", it.error());
        }
        ArrayNode ns = manifest.putArray("notes");
        notes.forEach(ns::add);
        byte[] m = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        Files.write(folder.resolve("manifest.json"), m);
        return new EvidenceBundle(folder, files, failed, notes, sha256(m));
    }

    /** Appends the pages after the first into one {@code value} array; a page that fails is noted, the rest kept. */
    private JsonNode followPages(JsonNode first, List<EvidenceBundle.Item> failed, String name) {
        if (!first.has("@odata.nextLink") || !first.path("value").isArray()) return first;
        ObjectNode all = first.deepCopy();
        ArrayNode values = (ArrayNode) all.path("value");
        String next = first.path("@odata.nextLink").asText();
        String previous = "";
        for (int page = 2; !next.isEmpty() && !next.equals(previous) && page <= MAX_PAGES; page++) {
            Call call = Call.get(pathOf(next));
            Reply r = api.call(call);
            if (!r.ok()) {
                failed.add(new EvidenceBundle.Item(name + " page " + page, call.describe(), r.status(), "", 0, 0, r.describe()));
                break;
            }
            values.addAll((ArrayNode) r.body().path("value"));
            previous = next;
            next = r.body().path("@odata.nextLink").asText("");
        }
        all.remove("@odata.nextLink");
        return all;
    }

    /** A nextLink is a full URL: the client adds its own base, so keep the path and query verbatim. */
    static String pathOf(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) return url;
        int slash = url.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : url.substring(slash);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

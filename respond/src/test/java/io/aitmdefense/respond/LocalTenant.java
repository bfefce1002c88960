package io.aitmdefense.respond;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for one tenant's Microsoft Graph and Exchange admin REST, with state: a DELETE removes the rule, a
 * PATCH disables the account, and the next read shows it. Objects use the shapes of ../shared/data/graph-samples
 * (rules, methods, grants, service principals, errors with innerError and request-id). Every request is logged, so
 * a test can assert that a dry run wrote nothing. Faults can be injected per request: an error status (with or
 * without Retry-After), or a write that answers 204 and changes nothing (for read-back checks).
 */
public final class LocalTenant implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SAMPLES = Path.of("../shared/data/graph-samples");

    public record Request(String method, String path, String body) {
        /** Whether the request changes the tenant: batches of reads and Exchange Get- cmdlets do not. */
        public boolean write() {
            if (method.equals("GET")) return false;
            if (path.endsWith("/$batch")) {
                for (JsonNode r : read(body).path("requests")) if (!r.path("method").asText().equals("GET")) return true;
                return false;
            }
            if (path.endsWith("/InvokeCommand")) {
                return !read(body).path("CmdletInput").path("CmdletName").asText().startsWith("Get-");
            }
            return true;
        }
    }

    private record Fault(String method, String pathContains, int status, String code, String retryAfter, boolean silent,
                         int[] remaining) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final List<Request> log = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    final Map<String, ObjectNode> users = new HashMap<>();
    final Map<String, List<String>> roles = new HashMap<>();
    final Map<String, ArrayNode> rules = new HashMap<>();
    final Map<String, ArrayNode> methods = new HashMap<>();
    final Map<String, ObjectNode> risky = new HashMap<>();
    final Map<String, ObjectNode> mailboxes = new HashMap<>();
    /** Rules hidden from MAPI: Exchange's Get-InboxRule -IncludeHidden lists them, Graph does not. */
    final Map<String, ArrayNode> hiddenRules = new HashMap<>();
    final ArrayNode grants = JSON.createArrayNode();
    /** App role assignments of users, in the shape of approleassignments-list.json. */
    final ArrayNode appRoleAssignments = JSON.createArrayNode();
    /** Conditional Access named locations, as Graph returns them. */
    final ArrayNode namedLocations = JSON.createArrayNode();
    /** Directory devices, each with the object id of the user who registered it ({@code registeredOwner}, not in Graph's shape). */
    final ArrayNode devices = JSON.createArrayNode();
    final ArrayNode servicePrincipals = JSON.createArrayNode();
    final ArrayNode signIns = JSON.createArrayNode();
    final ArrayNode audits = JSON.createArrayNode();
    boolean p2 = true;
    /** The URL entries of the Tenant Allow/Block List, as Get-TenantAllowBlockListItems -ListType Url returns them. */
    final ArrayNode allowBlockUrls = JSON.createArrayNode();
    /** Whether the Tenant Allow/Block List cmdlets exist for the app (a tenant without Exchange Online Protection, or a role without them). */
    private volatile boolean allowBlockList = true;
    /** The default sign-in experience's custom CSS (company branding); null: the tenant has none (404). */
    private volatile String brandingCss;
    static final String ORGANIZATION = "84841066-274d-4ec0-a5c1-276be684bdd3";
    /** Milliseconds each answer waits, to stand in for the service's latency (benchmarks). */
    private volatile long latencyMillis;
    /** Identity Protection's limit of one request per second per tenant, answered with 429 and no Retry-After. */
    private volatile boolean identityProtectionLimit;
    private long lastIdentityProtection;

    public LocalTenant(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every answer waits this long first, as a round trip to Microsoft would. */
    public void latency(java.time.Duration d) {
        latencyMillis = d.toMillis();
    }

    /** Enforces Identity Protection's one request per second (429 without Retry-After), as Graph does. */
    public void identityProtectionLimit(boolean on) {
        identityProtectionLimit = on;
    }

    public List<Request> requests() {
        return List.copyOf(log);
    }

    public List<Request> writes() {
        return log.stream().filter(Request::write).toList();
    }

    /** The next {@code times} requests matching answer {@code status} with Graph's error body. */
    public void fail(String method, String pathContains, int status, String code, String retryAfter, int times) {
        faults.add(new Fault(method, pathContains, status, code, retryAfter, false, new int[] {times}));
    }

    /** Matching writes answer 204 and change nothing: a read-back must notice. */
    public void ignoreWrites(String method, String pathContains) {
        faults.add(new Fault(method, pathContains, 204, "", null, true, new int[] {Integer.MAX_VALUE}));
    }

    // ---- state set-up ----

    public ObjectNode addUser(String upn, String id, boolean synced, Instant passwordChanged, String... adminRoles) {
        ObjectNode u = JSON.createObjectNode();
        u.put("id", id).put("userPrincipalName", upn).put("displayName", upn.substring(0, upn.indexOf('@')))
                .put("accountEnabled", true).put("onPremisesSyncEnabled", synced ? Boolean.TRUE : null)
                .put("createdDateTime", "2024-02-01T09:00:00Z")
                .put("signInSessionsValidFromDateTime", "2025-06-01T08:00:00Z")
                .put("lastPasswordChangeDateTime", passwordChanged.toString());
        if (!synced) u.putNull("onPremisesSyncEnabled");
        users.put(upn.toLowerCase(), u);
        users.put(id, u);
        roles.put(id, List.of(adminRoles));
        rules.put(id, JSON.createArrayNode());
        methods.put(id, JSON.createArrayNode());
        ObjectNode pw = methods.get(id).addObject();
        pw.put("@odata.type", "#microsoft.graph.passwordAuthenticationMethod").put("id", "28c10230-6103-485e-b985-444c60001490")
                .putNull("password").put("createdDateTime", passwordChanged.toString());
        ObjectNode box = JSON.createObjectNode();
        box.put("UserPrincipalName", upn).putNull("ForwardingSmtpAddress").putNull("ForwardingAddress")
                .put("DeliverToMailboxAndForward", false);
        mailboxes.put(upn.toLowerCase(), box);
        return u;
    }

    /** An inbox rule in the messageRules shape; {@code forwardTo} empty for a rule that only files or deletes. */
    public ObjectNode addRule(String userId, String ruleId, String name, List<String> forwardTo, boolean delete) {
        ObjectNode r = rules.get(userId).addObject();
        r.put("id", ruleId).put("displayName", name).put("sequence", rules.get(userId).size()).put("isEnabled", true)
                .put("hasError", false).put("isReadOnly", false);
        r.putObject("conditions").putArray("subjectContains").add("invoice");
        ObjectNode a = r.putObject("actions");
        if (delete) a.put("delete", true);
        a.put("stopProcessingRules", true);
        if (!forwardTo.isEmpty()) {
            ArrayNode to = a.putArray("forwardTo");
            forwardTo.forEach(addr -> to.addObject().putObject("emailAddress").put("name", addr).put("address", addr));
        }
        return r;
    }

    /** An authentication method; {@code created} null for kinds where Graph gives no creation time. */
    public ObjectNode addMethod(String userId, String type, String id, String created, String phoneNumber) {
        ObjectNode m = methods.get(userId).addObject();
        m.put("@odata.type", "#microsoft.graph." + type).put("id", id);
        if (phoneNumber != null) m.put("phoneNumber", phoneNumber).put("phoneType", "mobile").putNull("smsSignInState");
        if (type.startsWith("microsoftAuthenticator")) m.put("displayName", "iPhone 15").put("deviceTag", "SoftwareTokenActivated");
        if (created != null) m.put("createdDateTime", created);
        return m;
    }

    public ObjectNode addServicePrincipal(String id, String appId, String name) {
        ObjectNode sp = servicePrincipals.addObject();
        sp.put("id", id).put("appId", appId).put("displayName", name).put("accountEnabled", true)
                .put("publisherName", name).put("appOwnerOrganizationId", "65415bb1-9267-4313-bbf5-ae259732ee12");
        return sp;
    }

    public ObjectNode addGrant(String id, String clientSpId, String principalId, String scope) {
        ObjectNode g = grants.addObject();
        g.put("clientId", clientSpId).put("consentType", principalId == null ? "AllPrincipals" : "Principal").put("id", id);
        if (principalId == null) g.putNull("principalId");
        else g.put("principalId", principalId);
        g.put("resourceId", "943603e4-e787-4fe9-93d1-e30f749aae39").put("scope", scope);
        return g;
    }

    /** A device in Graph's shape ({@code id} the object id, {@code deviceId} the device's own id), registered by a user. */
    public ObjectNode addDevice(String objectId, String deviceId, String name, String os, String registered, String ownerId) {
        ObjectNode d = devices.addObject();
        d.put("id", objectId).putNull("deletedDateTime").put("accountEnabled", true).put("deviceId", deviceId)
                .put("displayName", name).put("operatingSystem", os).put("operatingSystemVersion", os.equals("Windows") ? "10.0.22631.4602" : "17.2")
                .put("trustType", "Workplace").put("registrationDateTime", registered).put("isCompliant", false).put("isManaged", false)
                .put("registeredOwner", ownerId);
        return d;
    }

    /** An assignment of a user to an app's service principal (the default role when the app defines none). */
    public ObjectNode addAppRoleAssignment(String id, String principalId, String resourceId, String resourceName) {
        ObjectNode a = appRoleAssignments.addObject();
        a.put("id", id).putNull("deletedDateTime").put("appRoleId", "00000000-0000-0000-0000-000000000000")
                .put("createdDateTime", "2026-01-08T18:56:28.1234567Z").put("principalDisplayName", principalId)
                .put("principalId", principalId).put("principalType", "User").put("resourceDisplayName", resourceName)
                .put("resourceId", resourceId);
        return a;
    }

    /** A rule hidden from MAPI (and so from Graph), in Get-InboxRule's shape. */
    public void addHiddenRule(String upn, String exchangeRuleId, String name, String forwardTo) {
        ObjectNode r = hiddenRules.computeIfAbsent(upn.toLowerCase(), k -> JSON.createArrayNode()).addObject();
        r.put("Name", name).put("Enabled", true).put("Identity", upn + "\\" + exchangeRuleId).put("RuleIdentity", exchangeRuleId);
        r.putArray("ForwardTo").add("\"" + forwardTo + "\" [SMTP:" + forwardTo + "]");
    }

    public void forwarding(String upn, String address) {
        mailboxes.get(upn.toLowerCase()).put("ForwardingSmtpAddress", "smtp:" + address).put("DeliverToMailboxAndForward", true);
    }

    /** A URL entry already in the Tenant Allow/Block List (someone blocked it before). */
    public void addUrlEntry(String value, String action) {
        allowBlockUrls.add(urlEntry(value, action, "added by hand", false));
    }

    /** Without the Tenant Allow/Block List cmdlets: Exchange answers as for any cmdlet the app cannot run. */
    public void withoutAllowBlockList() {
        allowBlockList = false;
    }

    public List<JsonNode> urlEntries() {
        List<JsonNode> out = new ArrayList<>();
        allowBlockUrls.forEach(out::add);
        return out;
    }

    private ObjectNode urlEntry(String value, String action, String notes, boolean noExpiration) {
        ObjectNode e = JSON.createObjectNode();
        String id = "RgAAAAAI8gSyI_NmQqzeh-HXJBywBwCqfQNJY8hBTbdlKFkv6BcUAAAl_QCZAACqfQNJY8hBTbdlKFkv6BcUAAAl_oS"
                + Integer.toHexString(value.hashCode() & 0xfffff).toUpperCase();
        e.put("Identity", id).put("Value", value).put("Action", action).put("Notes", notes).put("SubmissionID", "")
                .put("ListSubType", "Tenant").put("SysManaged", false).put("LastModifiedDateTime", now())
                .put("ModifiedBy", "").putNull("LastUsedDate").putNull("RemoveAfter");
        if (noExpiration) e.putNull("ExpirationDate");
        else e.put("ExpirationDate", clock.instant().plus(java.time.Duration.ofDays(30)).toString());
        return e;
    }

    /** The custom CSS of the tenant's company branding, as {@code aitm harden canary} or a person left it. */
    public void brandingCss(String css) {
        brandingCss = css;
    }

    public ObjectNode user(String key) {
        return users.get(key.toLowerCase().equals(key) ? key : key.toLowerCase());
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String raw = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            log.add(new Request(method, raw, body));
            if (latencyMillis > 0) Thread.sleep(latencyMillis);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            Answer a = auth == null || !auth.startsWith("Bearer ")
                    ? error(401, "InvalidAuthenticationToken", "Access token is empty.")
                    : answer(method, raw, body);
            String requestId = UUID.randomUUID().toString();
            ex.getResponseHeaders().add("request-id", requestId);
            String crid = ex.getRequestHeaders().getFirst("client-request-id");
            if (crid != null) ex.getResponseHeaders().add("client-request-id", crid);
            if (a.retryAfter != null) ex.getResponseHeaders().add("Retry-After", a.retryAfter);
            if (a.body.isMissingNode()) {
                ex.sendResponseHeaders(a.status, -1);
            } else if (a.body.isTextual()) { // a stream property (the branding's custom CSS)
                byte[] bytes = a.body.asText().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "text/css");
                ex.sendResponseHeaders(a.status, bytes.length);
                ex.getResponseBody().write(bytes);
            } else {
                byte[] bytes = JSON.writeValueAsBytes(a.body);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(a.status, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    record Answer(int status, JsonNode body, String retryAfter) {
    }

    private Answer answer(String method, String raw, String body) {
        for (Fault f : faults) {
            if (f.remaining[0] > 0 && f.method.equals(method) && URLDecoder.decode(raw, StandardCharsets.UTF_8).contains(f.pathContains)) {
                f.remaining[0]--;
                if (f.silent) return new Answer(204, MissingNode.getInstance(), null);
                Answer e = error(f.status, f.code, f.status == 429 ? "Too many requests." : "Injected failure.");
                return new Answer(e.status, e.body, f.retryAfter);
            }
        }
        synchronized (this) {
            if (identityProtectionLimit && raw.contains("/identityProtection/")) {
                long now = System.nanoTime();
                if (now - lastIdentityProtection < 1_000_000_000L) {
                    return error(429, "TooManyRequests", "Too many requests (1 per second per tenant).");
                }
                lastIdentityProtection = now;
            }
            return route(method, raw, body);
        }
    }

    static Answer error(int status, String code, String message) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode e = n.putObject("error");
        e.put("code", code).put("message", message);
        e.putObject("innerError").put("date", "2026-12-06T08:00:00").put("request-id", UUID.randomUUID().toString())
                .put("client-request-id", UUID.randomUUID().toString());
        return new Answer(status, n, null);
    }

    private static final Answer NO_CONTENT = new Answer(204, MissingNode.getInstance(), null);

    private Answer route(String method, String raw, String body) {
        String path = raw.contains("?") ? raw.substring(0, raw.indexOf('?')) : raw;
        path = URLDecoder.decode(path, StandardCharsets.UTF_8);
        String query = raw.contains("?") ? URLDecoder.decode(raw.substring(raw.indexOf('?') + 1), StandardCharsets.UTF_8) : "";
        if (path.endsWith("/InvokeCommand") && method.equals("POST")) return cmdlet(read(body).path("CmdletInput"));
        Matcher m;
        if (path.equals("/v1.0/$batch") && method.equals("POST")) return batch(read(body));
        String p = path.replaceFirst("^/(v1\\.0|beta)", "");
        if ((m = match("/users/([^/]+)", p)) != null) {
            ObjectNode u = users.get(m.group(1).toLowerCase());
            if (u == null) return error(404, "Request_ResourceNotFound", "Resource '" + m.group(1) + "' does not exist or one of its queried reference-property objects are not present.");
            if (method.equals("GET")) return ok(select(u, query));
            if (method.equals("PATCH")) {
                JsonNode b = read(body);
                if (b.has("accountEnabled")) u.put("accountEnabled", b.path("accountEnabled").asBoolean());
                if (b.has("passwordProfile")) u.put("lastPasswordChangeDateTime", now());
                return NO_CONTENT;
            }
        }
        if ((m = match("/users/([^/]+)/revokeSignInSessions", p)) != null && method.equals("POST")) {
            users.get(m.group(1).toLowerCase()).put("signInSessionsValidFromDateTime", now());
            ObjectNode r = JSON.createObjectNode().put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean");
            return ok(r.put("value", true));
        }
        if ((m = match("/users/([^/]+)/transitiveMemberOf/microsoft.graph.directoryRole", p)) != null) {
            ArrayNode v = JSON.createArrayNode();
            for (String role : roles.get(id(m.group(1)))) {
                v.addObject().put("@odata.type", "#microsoft.graph.directoryRole").put("displayName", role)
                        .put("roleTemplateId", UUID.nameUUIDFromBytes(role.getBytes(StandardCharsets.UTF_8)).toString());
            }
            return list(v);
        }
        if (p.equals("/organization") && method.equals("GET")) {
            ArrayNode v = JSON.createArrayNode();
            v.addObject().put("id", ORGANIZATION);
            return list(v);
        }
        if (p.equals("/organization/" + ORGANIZATION + "/branding/localizations/0/customCSS") && method.equals("GET")) {
            String css = brandingCss;
            return css == null ? error(404, "Request_ResourceNotFound", "Resource not found for the segment 'customCSS'.")
                    : new Answer(200, com.fasterxml.jackson.databind.node.TextNode.valueOf(css), null);
        }
        if (p.equals("/subscribedSkus")) {
            ArrayNode v = JSON.createArrayNode();
            ObjectNode sku = v.addObject().put("skuPartNumber", p2 ? "AAD_PREMIUM_P2" : "AAD_PREMIUM").put("capabilityStatus", "Enabled");
            sku.putArray("servicePlans").addObject().put("servicePlanName", p2 ? "AAD_PREMIUM_P2" : "AAD_PREMIUM");
            return list(v);
        }
        if ((m = match("/users/([^/]+)/mailFolders/inbox/messageRules", p)) != null && method.equals("GET")) {
            return list(rules.get(id(m.group(1))).deepCopy());
        }
        if ((m = match("/users/([^/]+)/mailFolders/inbox/messageRules/([^/]+)", p)) != null && method.equals("DELETE")) {
            return remove(rules.get(id(m.group(1))), m.group(2), "ErrorItemNotFound", "The specified object was not found in the store.");
        }
        if ((m = match("/users/([^/]+)/authentication/methods", p)) != null) return list(methods.get(id(m.group(1))).deepCopy());
        if ((m = match("/users/([^/]+)/authentication/(\\w+)Methods/([^/]+)", p)) != null && method.equals("DELETE")) {
            return remove(methods.get(id(m.group(1))), m.group(3), "itemNotFound", "The resource could not be found.");
        }
        if ((m = match("/users/([^/]+)/oauth2PermissionGrants", p)) != null) {
            String id = id(m.group(1));
            ArrayNode v = JSON.createArrayNode();
            for (JsonNode g : grants) if (id.equals(g.path("principalId").asText())) v.add(g.deepCopy());
            return list(v);
        }
        if ((m = match("/oauth2PermissionGrants/([^/]+)", p)) != null && method.equals("DELETE")) {
            return remove(grants, m.group(1), "Request_ResourceNotFound", "Resource does not exist.");
        }
        if (p.equals("/servicePrincipals") && method.equals("GET")) {
            Matcher f = Pattern.compile("appId eq '([^']+)'").matcher(query);
            ArrayNode v = JSON.createArrayNode();
            for (JsonNode sp : servicePrincipals) if (f.find(0) && f.group(1).equals(sp.path("appId").asText())) v.add(sp.deepCopy());
            return list(v);
        }
        if ((m = match("/servicePrincipals/([^/]+)", p)) != null) {
            for (JsonNode sp : servicePrincipals) {
                if (!sp.path("id").asText().equals(m.group(1))) continue;
                if (method.equals("GET")) return ok(sp.deepCopy());
                if (method.equals("PATCH")) {
                    ((ObjectNode) sp).put("accountEnabled", read(body).path("accountEnabled").asBoolean());
                    return NO_CONTENT;
                }
            }
            return error(404, "Request_ResourceNotFound", "Resource '" + m.group(1) + "' does not exist.");
        }
        if ((m = match("/identityProtection/riskyUsers/([^/]+)", p)) != null && method.equals("GET")) {
            if (!p2) return error(403, "Forbidden", "Your tenant is not licensed for this feature.");
            ObjectNode r = risky.get(m.group(1));
            return r == null ? error(404, "itemNotFound", "The resource could not be found.") : ok(r.deepCopy());
        }
        if (p.equals("/identityProtection/riskyUsers/confirmCompromised") && method.equals("POST")) {
            if (!p2) return error(403, "Forbidden", "Your tenant is not licensed for this feature.");
            for (JsonNode id : read(body).path("userIds")) {
                ObjectNode u = users.get(id.asText());
                ObjectNode r = JSON.createObjectNode().put("id", id.asText()).put("isDeleted", false).put("isProcessing", false)
                        .put("riskLevel", "high").put("riskState", "confirmedCompromised").put("riskDetail", "adminConfirmedUserCompromised")
                        .put("riskLastUpdatedDateTime", now()).put("userDisplayName", u.path("displayName").asText())
                        .put("userPrincipalName", u.path("userPrincipalName").asText());
                risky.put(id.asText(), r);
            }
            return NO_CONTENT;
        }
        if (p.equals("/identityProtection/riskDetections")) return list(JSON.createArrayNode());
        if (p.equals("/auditLogs/signIns")) return list(signIns.deepCopy());
        if (p.equals("/auditLogs/directoryAudits")) return list(audits.deepCopy());
        if ((m = match("/users/([^/]+)/(registeredDevices|ownedDevices)", p)) != null) {
            String id = id(m.group(1));
            ArrayNode v = JSON.createArrayNode();
            for (JsonNode d : devices) {
                if (id.equals(d.path("registeredOwner").asText())) v.add(((ObjectNode) d.deepCopy()).put("@odata.type", "#microsoft.graph.device"));
            }
            v.forEach(d -> ((ObjectNode) d).remove("registeredOwner"));
            return list(v);
        }
        if (p.equals("/devices") && method.equals("GET")) {
            Matcher f = Pattern.compile("deviceId eq '([^']+)'").matcher(query);
            ArrayNode v = JSON.createArrayNode();
            for (JsonNode d : devices) if (f.find(0) && f.group(1).equals(d.path("deviceId").asText())) v.add(device(d, query));
            return list(v);
        }
        if ((m = match("/devices/([^/]+)", p)) != null) {
            for (JsonNode d : devices) {
                if (!d.path("id").asText().equals(m.group(1))) continue;
                if (method.equals("GET")) return ok(device(d, query));
                if (method.equals("PATCH")) {
                    ((ObjectNode) d).put("accountEnabled", read(body).path("accountEnabled").asBoolean());
                    return NO_CONTENT;
                }
            }
            return error(404, "Request_ResourceNotFound", "Resource '" + m.group(1) + "' does not exist or one of its queried reference-property objects are not present.");
        }
        if ((m = match("/users/([^/]+)/appRoleAssignments", p)) != null && method.equals("GET")) {
            String id = id(m.group(1));
            Matcher f = Pattern.compile("resourceId eq '?([0-9a-fA-F-]+)'?").matcher(query);
            ArrayNode v = JSON.createArrayNode();
            for (JsonNode a : appRoleAssignments) {
                if (id.equals(a.path("principalId").asText()) && (!f.find(0) || f.group(1).equals(a.path("resourceId").asText()))) {
                    v.add(a.deepCopy());
                }
            }
            return list(v);
        }
        if ((m = match("/users/([^/]+)/appRoleAssignments/([^/]+)", p)) != null && method.equals("DELETE")) {
            String id = id(m.group(1));
            for (Iterator<JsonNode> it = appRoleAssignments.iterator(); it.hasNext(); ) {
                JsonNode a = it.next();
                if (a.path("id").asText().equals(m.group(2)) && id.equals(a.path("principalId").asText())) {
                    it.remove();
                    return NO_CONTENT;
                }
            }
            return error(404, "Request_ResourceNotFound", "Resource '" + m.group(2) + "' does not exist or one of its queried reference-property objects are not present.");
        }
        if (p.equals("/identity/conditionalAccess/namedLocations")) {
            if (method.equals("GET")) {
                Matcher f = Pattern.compile("displayName eq '((?:[^']|'')*)'").matcher(query);
                ArrayNode v = JSON.createArrayNode();
                for (JsonNode n : namedLocations) {
                    if (!f.find(0) || f.group(1).replace("''", "'").equals(n.path("displayName").asText())) v.add(n.deepCopy());
                }
                return list(v);
            }
            if (method.equals("POST")) {
                // the answer of namedlocation-create.json: 201 with the object, its id and times
                ObjectNode created = (ObjectNode) read(body).deepCopy();
                ObjectNode n = JSON.createObjectNode();
                n.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#namedLocations/$entity");
                n.put("@odata.type", created.path("@odata.type").asText()).put("id", UUID.randomUUID().toString())
                        .put("displayName", created.path("displayName").asText()).put("modifiedDateTime", now())
                        .put("createdDateTime", now()).put("isTrusted", created.path("isTrusted").asBoolean());
                n.set("ipRanges", created.path("ipRanges"));
                ObjectNode stored = n.deepCopy();
                stored.remove("@odata.context");
                namedLocations.add(stored);
                return new Answer(201, n, null);
            }
        }
        if ((m = match("/identity/conditionalAccess/namedLocations/([^/]+)", p)) != null) {
            for (JsonNode n : namedLocations) {
                if (!n.path("id").asText().equals(m.group(1))) continue;
                if (method.equals("GET")) return ok(n.deepCopy());
                if (method.equals("PATCH")) {
                    JsonNode b = read(body);
                    if (!b.path("@odata.type").asText().equals(n.path("@odata.type").asText())) {
                        return error(400, "BadRequest", "1007: Incoming named location object does not match the schema: @odata.type is required.");
                    }
                    if (b.has("ipRanges")) ((ObjectNode) n).set("ipRanges", b.path("ipRanges")); // replaces the whole list
                    if (b.has("isTrusted")) ((ObjectNode) n).put("isTrusted", b.path("isTrusted").asBoolean());
                    ((ObjectNode) n).put("modifiedDateTime", now());
                    return NO_CONTENT;
                }
            }
            return error(404, "ResourceNotFound", "Named location '" + m.group(1) + "' was not found.");
        }
        return error(400, "Request_BadRequest", "Unsupported request in the local stand-in: " + method + " " + path);
    }

    private Answer batch(JsonNode envelope) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode responses = out.putArray("responses");
        Map<String, Integer> statuses = new HashMap<>();
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode r : envelope.path("requests")) {
            String id = r.path("id").asText();
            boolean depFailed = false;
            for (JsonNode d : r.path("dependsOn")) depFailed |= statuses.getOrDefault(d.asText(), 200) / 100 != 2;
            Answer a = depFailed ? error(424, "FailedDependency", "The request is dependent on a failed request.")
                    : answer(r.path("method").asText(), "/v1.0" + r.path("url").asText(), r.path("body").toString());
            statuses.put(id, a.status);
            ObjectNode item = JSON.createObjectNode().put("id", id).put("status", a.status);
            ObjectNode h = item.putObject("headers").put("Content-Type", "application/json");
            if (a.retryAfter != null) h.put("Retry-After", a.retryAfter);
            if (!a.body.isMissingNode()) item.set("body", a.body);
            items.add(item);
        }
        Collections.reverse(items); // Graph answers in any order
        items.forEach(responses::add);
        return ok(out);
    }

    private Answer cmdlet(JsonNode input) {
        String name = input.path("CmdletName").asText();
        JsonNode p = input.path("Parameters");
        ObjectNode out = JSON.createObjectNode();
        ArrayNode value = out.putArray("value");
        switch (name) {
            case "Get-Mailbox" -> value.add(mailboxes.get(p.path("Identity").asText().toLowerCase()).deepCopy());
            case "Set-Mailbox" -> {
                ObjectNode box = mailboxes.get(p.path("Identity").asText().toLowerCase());
                if (p.has("ForwardingSmtpAddress")) box.set("ForwardingSmtpAddress", p.get("ForwardingSmtpAddress"));
                if (p.has("ForwardingAddress")) box.set("ForwardingAddress", p.get("ForwardingAddress"));
                if (p.has("DeliverToMailboxAndForward")) box.set("DeliverToMailboxAndForward", p.get("DeliverToMailboxAndForward"));
            }
            case "Get-InboxRule" -> {
                for (JsonNode r : rules.get(id(p.path("Mailbox").asText()))) {
                    value.addObject().put("Name", r.path("displayName").asText()).put("Enabled", r.path("isEnabled").asBoolean())
                            .put("Identity", p.path("Mailbox").asText() + "\\" + r.path("id").asText());
                }
                if (p.path("IncludeHidden").asBoolean()) {
                    hiddenRules.getOrDefault(p.path("Mailbox").asText().toLowerCase(), JSON.createArrayNode()).forEach(r -> value.add(r.deepCopy()));
                }
            }
            case "Remove-InboxRule" -> {
                String identity = p.path("Identity").asText();
                String mailbox = identity.substring(0, identity.indexOf('\\')).toLowerCase();
                ArrayNode hidden = hiddenRules.getOrDefault(mailbox, JSON.createArrayNode());
                for (Iterator<JsonNode> it = hidden.iterator(); it.hasNext(); ) {
                    if (it.next().path("Identity").asText().equals(identity)) {
                        it.remove();
                        return ok(out);
                    }
                }
                return error(404, "ManagementObjectNotFoundException", "The operation couldn't be performed because object '" + identity + "' couldn't be found.");
            }
            case "Get-TenantAllowBlockListItems", "New-TenantAllowBlockListItems" -> {
                if (!allowBlockList) return cmdletNotFound(name);
                if (!p.path("ListType").asText().equals("Url")) return error(400, "BadRequest", "only -ListType Url is served by the local stand-in");
                String action = p.path("Block").asBoolean() ? "Block" : p.path("Allow").asBoolean() ? "Allow" : "";
                if (name.startsWith("Get-")) {
                    for (JsonNode e : allowBlockUrls) if (action.isEmpty() || action.equals(e.path("Action").asText())) value.add(e.deepCopy());
                } else {
                    for (JsonNode entry : p.path("Entries")) {
                        ObjectNode e = urlEntry(entry.asText(), action, p.path("Notes").asText(""), p.path("NoExpiration").asBoolean());
                        allowBlockUrls.add(e);
                        value.add(e.deepCopy());
                    }
                }
            }
            default -> {
                return error(400, "BadRequest", "cmdlet " + name + " is not served by the local stand-in");
            }
        }
        return ok(out);
    }

    /** Exchange's answer to a cmdlet the app cannot run: the envelope of admin REST, PowerShell's own exception. */
    private static Answer cmdletNotFound(String name) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode e = n.putObject("error");
        e.put("code", "BadRequest").put("message", "Error executing cmdlet");
        e.putArray("details").addObject().put("code", "Context").put("target", "").put("message",
                "Ex0C2F1E|System.Management.Automation.CommandNotFoundException|The term '" + name + "' is not recognized "
                        + "as a name of a cmdlet, function, script file, or executable program.");
        return new Answer(400, n, null);
    }

    private Answer remove(ArrayNode from, String id, String code, String message) {
        for (Iterator<JsonNode> it = from.iterator(); it.hasNext(); ) {
            if (it.next().path("id").asText().equals(id)) {
                it.remove();
                return NO_CONTENT;
            }
        }
        return error(404, code, message);
    }

    private String id(String key) {
        ObjectNode u = users.get(key.toLowerCase());
        return u == null ? key : u.path("id").asText();
    }

    private static JsonNode select(ObjectNode u, String query) {
        Matcher s = Pattern.compile("\\$select=([^&]+)").matcher(query);
        if (!s.find()) return u.deepCopy();
        ObjectNode out = JSON.createObjectNode();
        for (String f : s.group(1).split(",")) if (u.has(f)) out.set(f, u.get(f));
        return out;
    }

    private static JsonNode device(JsonNode d, String query) {
        ObjectNode copy = (ObjectNode) select((ObjectNode) d, query);
        copy.remove("registeredOwner");
        return copy;
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body, null);
    }

    private static Answer list(ArrayNode values) {
        ObjectNode n = JSON.createObjectNode();
        n.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#collection");
        n.set("value", values);
        return ok(n);
    }

    private String now() {
        return clock.instant().toString();
    }

    static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode sample(String name) {
        try {
            return JSON.readTree(Files.readString(SAMPLES.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}

package io.aitmdefense.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builders for events in tests, with the values a real log row would have. Defaults describe a benign
 * interactive browser sign-in with MFA from a managed Windows device.
 */
public final class SampleEvents {
    private SampleEvents() {
    }

    private static int seq;

    private static Source src(String kind) {
        return new Source("test-" + kind + ".json", ++seq);
    }

    public static SignInBuilder signIn() {
        return new SignInBuilder();
    }

    public static AuditBuilder audit(String operation) {
        return new AuditBuilder(operation);
    }

    public static OfficeBuilder office(String operation) {
        return new OfficeBuilder(operation);
    }

    public static RiskBuilder risk(String type) {
        return new RiskBuilder(type);
    }

    public static final class SignInBuilder {
        Instant time = Instant.parse("2025-03-04T09:00:00Z");
        String tenant = "11111111-2222-3333-4444-555555555555", id = "", correlationId = "", sessionId = "",
                uniqueTokenId = "", userId = "", upn = "jane@contoso.example", userType = "Member";
        SignIn.Category category = SignIn.Category.INTERACTIVE;
        String ip = "203.0.113.10", ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36";
        int asn = 0;
        Device device = new Device("dev-1", "LAPTOP-JANE", "Windows 10", "Chrome 132.0.0", "Hybrid Azure AD joined", true, true);
        Geo geo = Geo.UNKNOWN;
        List<String> namedLocations = List.of();
        boolean trusted;
        String appId = "4765445b-32c6-49b0-83e6-1d93765276ca", appName = "OfficeHome",
                resourceId = "00000003-0000-0000-c000-000000000000", resourceName = "Microsoft Graph", clientApp = "Browser";
        String authRequirement = "multiFactorAuthentication";
        List<AuthStep> steps = new ArrayList<>(List.of(
                new AuthStep("Password", "Password Hash Sync", true, "Correct password", "Primary authentication"),
                new AuthStep("Mobile app notification", "", true, "MFA successfully completed", "Secondary authentication")));
        int errorCode;
        String failureReason = "", statusDetail = "MFA completed in Azure AD", caStatus = "success";
        List<CaResult> ca = new ArrayList<>();
        Risk risk = Risk.NONE;
        TokenContext token = new TokenContext("none", "AzureAD", "none", "none", "unbound", 1002, false);
        Source source;

        public SignInBuilder at(String iso) { time = Instant.parse(iso); return this; }
        public SignInBuilder at(Instant t) { time = t; return this; }
        public SignInBuilder user(String u) { upn = u; return this; }
        public SignInBuilder userId(String u) { userId = u; return this; }
        public SignInBuilder tenant(String t) { tenant = t; return this; }
        public SignInBuilder id(String v) { id = v; return this; }
        public SignInBuilder correlationId(String v) { correlationId = v; return this; }
        public SignInBuilder session(String s) { sessionId = s; return this; }
        public SignInBuilder token(String utid) { uniqueTokenId = utid; return this; }
        public SignInBuilder nonInteractive() { category = SignIn.Category.NON_INTERACTIVE; return this; }
        public SignInBuilder category(SignIn.Category c) { category = c; return this; }
        public SignInBuilder ip(String v) { ip = IpAddress.normalise(v); return this; }
        public SignInBuilder asn(int v) { asn = v; return this; }
        public SignInBuilder userAgent(String v) { ua = v; return this; }
        public SignInBuilder device(Device d) { device = d; return this; }
        public SignInBuilder unmanagedDevice(String os, String browser) { device = new Device("", "", os, browser, "", false, false); return this; }
        public SignInBuilder geo(String city, String country, double lat, double lon) { geo = new Geo(city, "", country, lat, lon); return this; }
        public SignInBuilder namedLocation(String name, boolean isTrusted) { namedLocations = List.of(name); trusted = isTrusted; return this; }
        public SignInBuilder app(String id, String name) { appId = id; appName = name; return this; }
        public SignInBuilder resource(String id, String name) { resourceId = id; resourceName = name; return this; }
        public SignInBuilder clientApp(String v) { clientApp = v; return this; }
        public SignInBuilder failed(int code, String reason) { errorCode = code; failureReason = reason; return this; }
        public SignInBuilder risk(Risk r) { risk = r; return this; }
        public SignInBuilder tokenContext(TokenContext t) { token = t; return this; }
        public SignInBuilder ca(CaResult r) { ca.add(r); return this; }
        public SignInBuilder source(Source s) { source = s; return this; }

        /** The replay shape: single factor, first factor satisfied by a claim in the token, no MFA prompt. */
        public SignInBuilder satisfiedByToken() {
            authRequirement = "singleFactorAuthentication";
            steps = new ArrayList<>(List.of(new AuthStep("Previously satisfied", "", true,
                    "First factor requirement satisfied by claim in the token", "Primary authentication")));
            statusDetail = "MFA requirement satisfied by claim in the token";
            return this;
        }

        public SignInBuilder deviceCode() {
            token = new TokenContext("none", "AzureAD", "deviceCodeFlow", "deviceCode", "unbound", 1002, false);
            return this;
        }

        public SignIn build() {
            return new SignIn(time, source != null ? source : src("signin"), tenant, LogId.of(id), LogId.of(correlationId), sessionId,
                    LogId.of(uniqueTokenId), userId, upn, userType, category, ip, asn, ua, device, geo, namedLocations, trusted,
                    appId, appName, resourceId, resourceName, clientApp, authRequirement, List.copyOf(steps),
                    errorCode, failureReason, statusDetail, caStatus, List.copyOf(ca), risk, token);
        }
    }

    public static final class AuditBuilder {
        final String operation;
        Instant time = Instant.parse("2025-03-04T09:10:00Z");
        String category = "UserManagement", service = "Core Directory", operationType = "Update", result = "success",
                resultReason = "", sessionId = "", uniqueTokenId = "";
        DirectoryAudit.Actor actor = new DirectoryAudit.Actor("6f1e0000-0000-0000-0000-000000000001", "jane@contoso.example", "", "", "203.0.113.10");
        List<DirectoryAudit.Target> targets = new ArrayList<>();
        Artifact artifact;

        AuditBuilder(String operation) {
            this.operation = operation;
        }

        public AuditBuilder at(String iso) { time = Instant.parse(iso); return this; }
        public AuditBuilder at(Instant t) { time = t; return this; }
        public AuditBuilder actor(String upn, String ip) { actor = new DirectoryAudit.Actor("", upn, "", "", IpAddress.normalise(ip)); return this; }
        public AuditBuilder appActor(String appId, String name) { actor = new DirectoryAudit.Actor("", "", appId, name, ""); return this; }
        public AuditBuilder service(String s, String cat) { service = s; category = cat; return this; }
        public AuditBuilder resultReason(String r) { resultReason = r; return this; }
        public AuditBuilder target(DirectoryAudit.Target t) { targets.add(t); return this; }
        public AuditBuilder session(String s) { sessionId = s; return this; }
        public AuditBuilder artifact(Artifact a) { artifact = a; return this; }

        public DirectoryAudit build() {
            return new DirectoryAudit(time, src("audit"), "11111111-2222-3333-4444-555555555555", LogId.of("Directory_" + seq),
                    LogId.NONE, operation, category, service, operationType, result, resultReason, actor, List.copyOf(targets),
                    java.util.Map.of(), sessionId, LogId.of(uniqueTokenId), Optional.ofNullable(artifact));
        }
    }

    public static final class OfficeBuilder {
        final String operation;
        Instant time = Instant.parse("2025-03-04T09:15:00Z");
        String workload = "Exchange", user = "jane@contoso.example", owner = "jane@contoso.example", ip = "203.0.113.10",
                clientInfo = "Client=OWA;Mozilla/5.0", ua = "", appId = "", clientAppId = "", sessionId = "", utid = "",
                subject = "", objectId = "";
        int recordType = 1, logonType, itemCount = 1;
        boolean success = true;
        Artifact artifact;

        OfficeBuilder(String operation) {
            this.operation = operation;
        }

        public OfficeBuilder at(String iso) { time = Instant.parse(iso); return this; }
        public OfficeBuilder at(Instant t) { time = t; return this; }
        public OfficeBuilder user(String u) { user = u; owner = u; return this; }
        public OfficeBuilder ip(String v) { ip = IpAddress.normalise(v); return this; }
        public OfficeBuilder workload(String w) { workload = w; return this; }
        public OfficeBuilder recordType(int r) { recordType = r; return this; }
        public OfficeBuilder clientInfo(String c) { clientInfo = c; return this; }
        public OfficeBuilder session(String s) { sessionId = s; return this; }
        public OfficeBuilder token(String t) { utid = t; return this; }
        public OfficeBuilder items(int n) { itemCount = n; return this; }
        public OfficeBuilder subject(String s) { subject = s; return this; }
        public OfficeBuilder artifact(Artifact a) { artifact = a; return this; }

        public OfficeActivity build() {
            return new OfficeActivity(time, src("office"), "11111111-2222-3333-4444-555555555555", LogId.of("rec-" + seq),
                    workload, operation, recordType, user, owner, ip, clientInfo, ua, appId, clientAppId, sessionId, LogId.of(utid),
                    logonType, success, itemCount, subject, objectId, Optional.ofNullable(artifact));
        }
    }

    public static final class RiskBuilder {
        final String type;
        Instant time = Instant.parse("2025-03-04T09:05:00Z");
        String user = "jane@contoso.example", level = "medium", state = "atRisk", detail = "none", timing = "offline",
                ip = "198.51.100.20", requestId = "", correlationId = "", tenant = "11111111-2222-3333-4444-555555555555";

        RiskBuilder(String type) {
            this.type = type;
        }

        public RiskBuilder at(String iso) { time = Instant.parse(iso); return this; }
        public RiskBuilder at(Instant t) { time = t; return this; }
        public RiskBuilder user(String u) { user = u; return this; }
        public RiskBuilder level(String l) { level = l; return this; }
        public RiskBuilder state(String s, String d) { state = s; detail = d; return this; }
        public RiskBuilder ip(String v) { ip = IpAddress.normalise(v); return this; }
        public RiskBuilder requestId(String v) { requestId = v; return this; }
        /** "" as in Log Analytics' AADUserRiskEvents, which names only the workspace. */
        public RiskBuilder tenant(String t) { tenant = t; return this; }

        public RiskDetection build() {
            return new RiskDetection(time, src("risk"), tenant, "risk-" + seq,
                    requestId, correlationId, "", user, type, level, state, detail, timing, "IdentityProtection",
                    "signin", ip, Geo.UNKNOWN, "");
        }
    }
}

package io.aitmdefense.respond;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.auth.AccessToken;
import io.aitmdefense.graph.config.MicrosoftSettings;
import io.aitmdefense.graph.http.RetryPolicy;
import io.aitmdefense.respond.api.GraphTenantApi;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Target;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.AttackerAddress;
import io.aitmdefense.model.incident.AttackerInfrastructure;
import io.aitmdefense.model.incident.BlastRadius;
import io.aitmdefense.model.incident.Incident;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.TimelineEntry;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The bundled example's victims (examples/tenant-contoso) as the local tenant holds them: the attacker's objects with
 * the values the example's logs carry, beside the user's own objects from ../shared/data/graph-samples.
 */
public final class Contoso {
    public static final String TENANT = "90b61727-a375-48ac-b538-7ef348a59291";
    /** The bearer token tests hand to the client: it must never appear in any output. */
    public static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.local-test-token.c2VjcmV0LXNpZ25hdHVyZQ";

    public static final String LUKAS = "lukas.vance@contoso.example";
    public static final String LUKAS_ID = "f7f9f9dc-6cb1-4bb2-966d-ec549f498243";
    public static final String ATTACKER_MAIL = "inv.zc96e2@proton.me";
    public static final String ATTACKER_RULE_ID = "AQAAAJ5dZqE=";
    public static final String PDF_VIEWER_APP = "861e4684-3008-4f8e-b042-a7d0849982d8";
    public static final String PDF_VIEWER_SP = "e0719f67-6455-4924-acc3-4181743afac7";
    public static final String OWN_APP_SP = "00af5dfb-85da-4b41-a677-0c6b86dd34f8";
    public static final String ATTACKER_GRANT = "3yViY97kVxV-1vk1d4abwQ";
    public static final String OWN_GRANT = "-2_GRUg2-HYz6_1YG4YRAQ2_own";
    public static final String ATTACKER_METHOD = "b3ad5a6e-8f0e-4c1e-9d55-0a1c2e3f4a5b";
    public static final Instant FIRST = Instant.parse("2026-01-08T18:11:41Z");
    public static final Instant LAST = Instant.parse("2026-01-08T18:57:48Z");

    private Contoso() {
    }

    /** Lukas Vance's incident: a rule named " " forwarding to proton.me, PDF Viewer Online consented, an Authenticator app added. */
    public static Findings lukas() {
        return new Findings("inc-7d1f0c2a9b3e", TENANT, LUKAS, 0.95, FIRST, LAST,
                List.of("signin-then-persistence", "oauth-consent-after-replay", "mfa-registered-after-replay"),
                List.of("ffaa9ace-b693-4ccc-98d2-6582301dc777"),
                List.of(new Target.InboxRule(LUKAS, " ", "1711483025", List.of(ATTACKER_MAIL),
                        List.of("0620b8e3-c867-43be-bfaf-4cbafd91c5eb"))),
                List.of(),
                List.of(new Target.Consent(PDF_VIEWER_APP, "PDF Viewer Online", "", List.of(),
                        List.of("openid", "profile", "email", "offline_access", "Mail.Read", "Mail.ReadWrite", "User.Read"),
                        "Principal", List.of("Directory_b5ae2a12_6VV8H_867512230", "Directory_b5ae2a12_U5NAG_785809431"))),
                List.of(new Target.Method("Authenticator App with Notification and Code", "",
                        Instant.parse("2026-01-08T18:57:48Z"), List.of("Directory_4de576e6_NYNCP_507814663"))),
                List.of(), List.of("146.70.9.211", "146.70.186.172"),
                List.of("lara.fischer@contoso.example", "sofia.gu@contoso.example", "christie.weber@contoso.example"));
    }

    /** Sofia Gu's incident: mailbox forwarding to the same proton.me address (Exchange only). */
    public static Findings sofia() {
        return new Findings("inc-1c9e44b0d2aa", TENANT, "sofia.gu@contoso.example", 0.93, Instant.parse("2026-01-08T18:40:00Z"),
                Instant.parse("2026-01-08T20:20:47Z"), List.of("mailbox-forwarding-after-replay"), List.of(),
                List.of(), List.of(new Target.Forwarding("sofia.gu@contoso.example", List.of(ATTACKER_MAIL),
                List.of("3e804bd2-0b77-44ed-8d55-2bda6f2bb696"))), List.of(), List.of(), List.of(),
                List.of("146.70.9.211"), List.of(LUKAS));
    }

    /** Lukas in the local tenant, with his own rules, methods and app beside the attacker's. */
    public static void seed(LocalTenant t) {
        t.addUser(LUKAS, LUKAS_ID, false, Instant.parse("2025-11-02T10:00:00Z"));
        JsonNode ownRules = LocalTenant.sample("messagerules-list.json").path("value");
        ownRules.forEach(r -> t.rules.get(LUKAS_ID).add(r.deepCopy())); // "Remove spam", "From partner" (forwards inside)
        ObjectNode rule = t.addRule(LUKAS_ID, ATTACKER_RULE_ID, " ", List.of(ATTACKER_MAIL), false);
        ((ObjectNode) rule.path("actions")).put("moveToFolder", "Archive");
        t.methods.get(LUKAS_ID).add(LocalTenant.sample("authentication-methods-microsoftAuthenticator-list.json").path("value").get(0).deepCopy());
        t.methods.get(LUKAS_ID).add(LocalTenant.sample("authentication-methods-list.json").path("value").get(0).deepCopy());
        ObjectNode phone = (ObjectNode) LocalTenant.sample("authentication-methods-phone-list.json").path("value").get(0).deepCopy();
        phone.put("@odata.type", "#microsoft.graph.phoneAuthenticationMethod");
        t.methods.get(LUKAS_ID).add(phone);
        t.addMethod(LUKAS_ID, "microsoftAuthenticatorAuthenticationMethod", ATTACKER_METHOD, null, null);
        t.risky.put(LUKAS_ID, LocalTenant.JSON.createObjectNode().put("id", LUKAS_ID).put("isDeleted", false)
                .put("isProcessing", false).put("riskLevel", "medium").put("riskState", "atRisk")
                .put("riskDetail", "none").put("riskLastUpdatedDateTime", "2026-01-08T18:21:48Z")
                .put("userDisplayName", "Lukas Vance").put("userPrincipalName", LUKAS));
        t.addServicePrincipal(PDF_VIEWER_SP, PDF_VIEWER_APP, "PDF Viewer Online");
        ObjectNode own = (ObjectNode) LocalTenant.sample("serviceprincipal-get.json").deepCopy();
        own.put("appId", "4a1d4c2b-0c7e-4b5e-9a51-3f2e1d0c9b8a");
        t.servicePrincipals.add(own);
        t.addGrant(ATTACKER_GRANT, PDF_VIEWER_SP, LUKAS_ID, " openid profile email offline_access Mail.Read Mail.ReadWrite User.Read");
        t.addGrant(OWN_GRANT, OWN_APP_SP, LUKAS_ID, "User.Read Calendars.Read");
        LocalTenant.sample("oauth2permissiongrants-list.json").path("value").forEach(g -> t.grants.add(g.deepCopy()));
    }

    /** Sofia Gu: mailbox forwarding and a rule named " " to the attacker, beside her own newsletter rule. */
    public static void seedSofia(LocalTenant t) {
        String id = "646e947c-2e68-43df-a5e5-88910274e15c";
        t.addUser("sofia.gu@contoso.example", id, false, Instant.parse("2025-09-01T10:00:00Z"));
        t.forwarding("sofia.gu@contoso.example", ATTACKER_MAIL);
        t.addRule(id, "AQAAAJ5dZrA=", "Newsletters", List.of(), false);
        t.addRule(id, "AQAAAJ5dZrB=", " ", List.of(ATTACKER_MAIL), false);
    }

    /** The graph module's clients pointed at the local tenant, with a fixed token and quick retries. */
    public static MicrosoftClients clients(LocalTenant t, Path tenantFile) throws Exception {
        return clients(t, tenantFile, new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5), () -> 0.5));
    }

    /** As {@link #clients(LocalTenant, Path)} with the given retry policy (benchmarks use the real one). */
    public static MicrosoftClients clients(LocalTenant t, Path tenantFile, RetryPolicy retry) throws Exception {
        JsonNode section = new YAMLMapper().readTree("""
                tenantId: %s
                clientId: 11111111-2222-3333-4444-555555555555
                accessTokenFile: token.txt
                endpoints: {login: %s, graph: %s, exchange: %s}
                """.formatted(TENANT, t.url(), t.url(), t.url()));
        MicrosoftSettings settings = MicrosoftSettings.parse(section, tenantFile);
        return MicrosoftClients.builder(settings)
                .tokens(scope -> new AccessToken(TOKEN, Instant.now().plus(Duration.ofHours(1))))
                .retry(retry)
                .build();
    }

    public static GraphTenantApi api(LocalTenant t, boolean exchange) throws Exception {
        return new GraphTenantApi(clients(t, Path.of("target/tenant.yaml")), exchange);
    }

    /**
     * Lukas Vance's incident as aitm detect builds it: alerts carrying the structured artifacts (the rule, the consent,
     * the method) and their evidence records, as in the example's logs.
     */
    public static Incident lukasIncident() {
        String file = "examples/tenant-contoso/logs/eh/insights-logs-auditlogs/2026-01-08.json.gz";
        String ual = "examples/tenant-contoso/logs/ual/Audit.Exchange/2026-01-08.json.gz";
        Alert.Infrastructure infra = new Alert.Infrastructure(List.of("146.70.9.211"), List.of(9009), List.of(), List.of());
        Evidence replay = new Evidence(new RecordRef("examples/tenant-contoso/logs/eh/insights-logs-signinlogs/2026-01-08.json.gz",
                41, 0, "ffaa9ace-b693-4ccc-98d2-6582301dc777", RecordIdKind.SIGN_IN_REQUEST_ID), EventKind.SIGN_IN, FIRST,
                "sign-in from 146.70.186.172");
        Evidence ruleRecord = new Evidence(new RecordRef(ual, 1, 212, "0620b8e3-c867-43be-bfaf-4cbafd91c5eb",
                RecordIdKind.UNIFIED_AUDIT_ID), EventKind.OFFICE_ACTIVITY, Instant.parse("2026-01-08T18:35:48Z"), "UpdateInboxRules");
        Evidence consent = new Evidence(new RecordRef(file, 1, 3, "Directory_b5ae2a12_6VV8H_867512230", RecordIdKind.AUDIT_ID),
                EventKind.DIRECTORY_AUDIT, Instant.parse("2026-01-08T18:48:48Z"), "Consent to application");
        Evidence method = new Evidence(new RecordRef(file, 1, 7, "Directory_4de576e6_NYNCP_507814663", RecordIdKind.AUDIT_ID),
                EventKind.DIRECTORY_AUDIT, Instant.parse("2026-01-08T18:57:48Z"), "User registered security info");
        Artifact.InboxRule rule = new Artifact.InboxRule("UpdateInboxRules", " ", true, "{(Exists(ItemClass))}",
                List.of(ATTACKER_MAIL), List.of(), List.of(), false, false, "\\Archive", true, LUKAS, "1711483025");
        Artifact.AppConsent app = new Artifact.AppConsent(PDF_VIEWER_APP, "PDF Viewer Online",
                List.of("openid", "profile", "email", "offline_access", "Mail.Read", "Mail.ReadWrite", "User.Read"),
                "Principal", false, "", List.of());
        Artifact.MfaMethodChange mfa = new Artifact.MfaMethodChange("Authenticator App with Notification and Code", true, false, "");
        Artifact.MfaMethodChange vague = new Artifact.MfaMethodChange("StrongAuthenticationMethod (1 → 2 methods)", true, false, "");
        List<Alert> alerts = List.of(
                alert("session-cookie-replay", KillChainStage.REPLAY, FIRST, List.of(), List.of(replay), infra),
                alert("signin-then-persistence", KillChainStage.PERSISTENCE, Instant.parse("2026-01-08T18:35:48Z"),
                        List.of(rule), List.of(replay, ruleRecord), infra),
                alert("signin-then-persistence", KillChainStage.PERSISTENCE, Instant.parse("2026-01-08T18:48:48Z"),
                        List.of(app), List.of(consent), infra),
                alert("signin-then-persistence", KillChainStage.PERSISTENCE, LAST, List.of(mfa, vague), List.of(method), infra));
        return new Incident("inc-7d1f0c2a9b3e", TENANT, LUKAS, LUKAS, Severity.CRITICAL, 0.95, FIRST, LAST,
                List.of(KillChainStage.REPLAY, KillChainStage.PERSISTENCE), alerts.stream().map(TimelineEntry::of).toList(),
                new AttackerInfrastructure(List.of(new AttackerAddress("146.70.9.211", 9009, "M247 Europe SRL", NetworkKind.HOSTING, "RO"),
                        new AttackerAddress("146.70.186.172", 9009, "M247 Europe SRL", NetworkKind.HOSTING, "RO")),
                        List.of(), List.of(), List.of()),
                "session replayed from a hosting network, then an inbox rule, an OAuth consent and an MFA method",
                alerts, new BlastRadius("cmp-1", List.of("lara.fischer@contoso.example", "sofia.gu@contoso.example"),
                        List.of("christie.weber@contoso.example")), List.of());
    }

    public static IncidentSet incidents() {
        return new IncidentSet(List.of(lukasIncident()), List.of());
    }

    private static Alert alert(String detection, KillChainStage stage, Instant at, List<Artifact> artifacts,
                               List<Evidence> evidence, Alert.Infrastructure infra) {
        return new Alert(Alert.idOf(TENANT, detection, LUKAS, evidence.get(evidence.size() - 1).record().recordId()), TENANT,
                LUKAS, LUKAS, detection, detection, Severity.HIGH, 0.95, at, at, stage, List.of("T1550.004"),
                detection + " for " + LUKAS, infra, artifacts, evidence);
    }
}

package io.aitmdefense.detect.rules;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.detect.detections.AuthCodePhishDetection;
import io.aitmdefense.detect.detections.MailForwardingOrHidingDetection;
import io.aitmdefense.detect.detections.RefreshTokenPivotDetection;
import io.aitmdefense.detect.detections.ResidentialProxyReplayDetection;
import io.aitmdefense.detect.detections.RiskySignInDetection;
import io.aitmdefense.detect.detections.TenantTrustChangeDetection;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.aitmdefense.detect.rules.SignInQueries.BOTH_SIGNINS;
import static io.aitmdefense.detect.rules.SignInQueries.EVERY_HOUR;
import static io.aitmdefense.detect.rules.SignInQueries.NON_INTERACTIVE;
import static io.aitmdefense.detect.rules.SignInQueries.SIGNINS;
import static io.aitmdefense.detect.rules.SignInQueries.UNION;
import static io.aitmdefense.detect.rules.SignInQueries.cap;
import static io.aitmdefense.detect.rules.SignInQueries.capped;
import static io.aitmdefense.detect.rules.SignInQueries.days;
import static io.aitmdefense.detect.rules.SignInQueries.info;

/**
 * The replay tradecraft and standalone-signal detections as queries. "A network the user never used" is an ASN
 * without a successful sign-in of the user in the history before the query's hour, as far as Sentinel's 14 days reach.
 */
final class TradecraftQueries {
    private final DetectConfig config;
    private final TenantFilter tenant;

    TradecraftQueries(DetectConfig config) {
        this.config = config;
        this.tenant = new TenantFilter(config.tenant());
    }

    private Thresholds t(String id) {
        return config.detection(id);
    }

    /** {@code let known = …;}: the user's ASNs in the history before the last hour, over both sign-in tables. */
    private static String knownNetworks(Duration history) {
        return "let history = " + Kql.timespan(history) + ";\n"
                + "let recent = " + Kql.timespan(EVERY_HOUR) + ";\n"
                + BOTH_SIGNINS
                + "let signIns = " + UNION + "\n"
                + "    | where ResultType == \"0\"\n"
                + "    | extend Asn = tostring(AutonomousSystemNumber);\n"
                + "let known = signIns\n"
                + "    | where TimeGenerated between (ago(history) .. ago(recent))\n"
                + "    | distinct UserPrincipalName, Asn;\n";
    }

    QueryRule residentialProxyReplay() {
        String id = ResidentialProxyReplayDetection.ID;
        Duration history = days(t(id).integer("historyDays", 14));
        String kql = tenant.lets() + knownNetworks(cap(history))
                + "let firstUse = signIns\n"
                + "    | where TimeGenerated > ago(1d) and isnotempty(SessionId)\n"
                + "    | summarize arg_min(TimeGenerated, Asn, IPAddress) by SessionId, UserPrincipalName\n"
                + "    | project SessionId, UserPrincipalName, FirstTime = TimeGenerated, FirstAsn = Asn, FirstIP = IPAddress;\n"
                + "signIns\n"
                + "| where TimeGenerated > ago(recent) and isnotempty(SessionId) and isnotempty(Asn)\n"
                + "| where AuthenticationDetails has \"Previously satisfied\" or AuthenticationDetails has \"satisfied by claim in the token\"\n"
                + TenantFilter.signIns()
                + "| join kind=inner firstUse on SessionId, UserPrincipalName\n"
                + "| where Asn != FirstAsn and TimeGenerated > FirstTime\n"
                + "| join kind=leftanti known on UserPrincipalName, Asn\n"
                + "| join kind=inner (known | distinct UserPrincipalName) on UserPrincipalName\n"
                + "| summarize ReplayTime = min(TimeGenerated), IPAddress = take_any(IPAddress), UserAgents = make_set(UserAgent, 3)"
                + " by UserPrincipalName, SessionId, Asn, FirstAsn, FirstIP\n"
                + "| extend AccountUpn = UserPrincipalName";
        return new QueryRule(info(id), "A session, first used from one network, used from an ASN the user has no sign-in from in "
                + Kql.timespan(cap(history)) + " with MFA satisfied by a claim in the token.",
                "Every such use fires at one severity: the session's return to its first network (medium against a notice) "
                        + "is not judged; a phone moving from Wi-Fi to its carrier is not set apart (the operating system and "
                        + "the mobile list are not read); the user's registered device is not set apart; sessions older than a "
                        + "day are not followed; networks are compared by ASN only" + capped(history) + ".",
                EVERY_HOUR, cap(history), List.of(SIGNINS, NON_INTERACTIVE), kql, true, Optional.empty());
    }

    QueryRule refreshTokenPivot() {
        String id = RefreshTokenPivotDetection.ID;
        Thresholds th = t(id);
        Duration history = days(th.integer("historyDays", 14));
        Duration window = th.duration("window", Duration.ofMinutes(15));
        int minResources = th.integer("minResources", 3);
        String kql = tenant.lets() + knownNetworks(cap(history))
                + "let family = " + Kql.strings(th.strings("clients", RefreshTokenPivotDetection.FAMILY)) + ";\n"
                + "let window = " + Kql.timespan(window) + ";\n"
                + "let minResources = " + minResources + ";\n"
                + "let knownResources = signIns\n"
                + "    | where TimeGenerated between (ago(history) .. ago(recent))\n"
                + "    | distinct UserPrincipalName, ResourceIdentity;\n"
                + "let candidates = signIns\n"
                + "    | where TimeGenerated > ago(recent) and AppId in (family) and isnotempty(Asn)\n"
                + "    | where IsInteractive == false or isempty(tostring(IsInteractive))\n"
                + "    | join kind=leftanti known on UserPrincipalName, Asn\n"
                + "    | join kind=inner (known | distinct UserPrincipalName) on UserPrincipalName;\n"
                + "let fresh = candidates\n"
                + "    | join kind=leftanti knownResources on UserPrincipalName, ResourceIdentity\n"
                + "    | distinct UserPrincipalName, Asn;\n"
                + "candidates\n"
                + "| summarize FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), Resources = dcount(ResourceIdentity),"
                + " ResourceNames = make_set(ResourceDisplayName, 10), Apps = make_set(AppDisplayName, 10), IPAddress = take_any(IPAddress)"
                + " by UserPrincipalName, Asn, bin(TimeGenerated, window)\n"
                + "| where Resources >= minResources\n"
                + "| join kind=inner fresh on UserPrincipalName, Asn\n"
                + "| extend AccountUpn = UserPrincipalName";
        return new QueryRule(info(id), "Non-interactive sign-ins of first-party family clients from an ASN new for the user reach "
                + minResources + " or more resources within " + Kql.timespan(window) + ", one of them new for the user.",
                "Resources are counted in fixed " + Kql.timespan(window) + " bins, not a sliding window; the new resource is "
                        + "not required to fall in the same bin; the user's registered device is not set apart; the severity "
                        + "does not rise for Azure Resource Manager, Key Vault or a hosting network; networks are compared by "
                        + "ASN only" + capped(history) + ".",
                EVERY_HOUR, cap(history), List.of(SIGNINS, NON_INTERACTIVE), kql, true, Optional.empty());
    }

    QueryRule authCodePhish() {
        String id = AuthCodePhishDetection.ID;
        Thresholds th = t(id);
        Duration history = days(th.integer("historyDays", 14));
        Duration window = th.duration("window", Duration.ofMinutes(30));
        String kql = tenant.lets() + knownNetworks(cap(history))
                + "let clients = " + Kql.strings(th.strings("clients", AuthCodePhishDetection.CLIENTS)) + ";\n"
                + "let window = " + Kql.timespan(window) + ";\n"
                + "let authorizations = SigninLogs\n"
                + "    | where TimeGenerated > ago(recent + window) and ResultType == \"0\" and AppId in (clients)\n"
                + "    | project AuthTime = TimeGenerated, UserPrincipalName, AppId, AuthAsn = tostring(AutonomousSystemNumber), AuthIP = IPAddress;\n"
                + "signIns\n"
                + "| where TimeGenerated > ago(recent) and AppId in (clients) and isnotempty(Asn)\n"
                + TenantFilter.signIns()
                + "| join kind=inner authorizations on UserPrincipalName, AppId\n"
                + "| where TimeGenerated between (AuthTime .. (AuthTime + window)) and Asn != AuthAsn\n"
                + "| join kind=leftanti known on UserPrincipalName, Asn\n"
                + "| join kind=inner (known | distinct UserPrincipalName) on UserPrincipalName\n"
                + "| summarize RedeemTime = min(TimeGenerated), AuthTime = min(AuthTime), IPAddress = take_any(IPAddress),"
                + " AuthIP = take_any(AuthIP) by UserPrincipalName, AppDisplayName, Asn, AuthAsn\n"
                + "| extend AccountUpn = UserPrincipalName";
        return new QueryRule(info(id), "An interactive sign-in of a first-party client (Visual Studio Code, Azure CLI …) followed "
                + "within " + Kql.timespan(window) + " by the same client from an ASN new for the user.",
                "The severity does not rise when the client is new for the user or the second network is a hosting one; "
                        + "the user's registered device is not set apart; a sign-in ingested more than an hour late is not "
                        + "judged; networks are compared by ASN only" + capped(history) + ".",
                EVERY_HOUR, cap(history), List.of(SIGNINS, NON_INTERACTIVE), kql, true, Optional.empty());
    }

    QueryRule mailForwardingOrHiding() {
        String id = MailForwardingOrHidingDetection.ID;
        List<String> domains = config.tenant().domains().stream().sorted().toList();
        String external = domains.isEmpty() ? ""
                : "| where Detail !has_any (" + String.join(", ", domains.stream().map(Kql::str).toList()) + ") or Detail has_any"
                + " (\"DeleteMessage\", \"MarkAsRead\", \"MoveToFolder\")\n";
        String kql = "OfficeActivity\n"
                + "| where Operation in (\"New-InboxRule\", \"Set-InboxRule\", \"UpdateInboxRules\", \"Set-Mailbox\")\n"
                + "| where not(UserId startswith \"NT AUTHORITY\") and ResultStatus in~ (\"True\", \"Succeeded\", \"\")\n"
                + "| extend Detail = strcat(tostring(Parameters), tostring(column_ifexists(\"OperationProperties\", \"\")))\n"
                + "| where Detail has_any (\"ForwardTo\", \"RedirectTo\", \"ForwardAsAttachmentTo\", \"ForwardingSmtpAddress\","
                + " \"ForwardingAddress\", \"DeleteMessage\", \"MarkAsRead\", \"MoveToFolder\", \"Forward\")\n"
                + external
                + "| project TimeGenerated, AccountUpn = tolower(UserId), IPAddress = ClientIP, Operation, Detail";
        return new QueryRule(info(id), "An inbox rule or mailbox forwarding that forwards, redirects, deletes, marks read or "
                + "moves mail, made by a user (not by Exchange itself).",
                "Forwarding inside the tenant is only told apart when the configuration lists the tenant's domains; the folder "
                        + "a rule moves mail to is not checked to be a hiding one; the acting user is not checked to own the "
                        + "mailbox; every change fires at one severity (external forwarding low against hiding a notice).",
                EVERY_HOUR, EVERY_HOUR, List.of(MailboxQueries.OFFICE), kql, true, Optional.empty());
    }

    QueryRule riskySignIn() {
        String id = RiskySignInDetection.ID;
        List<String> triaged = List.of("dismissed", "remediated", "confirmedSafe");
        String kql = tenant.lets()
                + "SigninLogs\n"
                + "| where ResultType == \"0\" and (RiskLevelDuringSignIn == \"high\" or RiskLevelAggregated == \"high\")\n"
                + "| where RiskState !in~ " + Kql.tuple(triaged) + "\n"
                + TenantFilter.signIns()
                + "| summarize FirstSeen = min(TimeGenerated), SignIns = count(), IPAddress = take_any(IPAddress),"
                + " Apps = make_set(AppDisplayName, 5) by UserPrincipalName\n"
                + "| extend AccountUpn = UserPrincipalName";
        Map<String, Object> sigma = new LinkedHashMap<>();
        sigma.put("selection_during", QueryRule.Sigma.fields("ResultType", "0", "RiskLevelDuringSignIn", "high"));
        sigma.put("selection_aggregated", QueryRule.Sigma.fields("ResultType", "0", "RiskLevelAggregated", "high"));
        sigma.put("filter_triaged", QueryRule.Sigma.fields("RiskState", triaged));
        sigma.put("condition", "1 of selection_* and not filter_triaged");
        return new QueryRule(info(id), "A successful interactive sign-in whose sign-in or aggregated risk is high and was not "
                + "dismissed or remediated.",
                "Interactive sign-ins only (non-interactive ones carry the same risk and are not read); one alert per user "
                        + "and hour, not per day.",
                EVERY_HOUR, EVERY_HOUR, List.of(SIGNINS), kql, true,
                Optional.of(new QueryRule.Sigma("signinlogs", sigma, "Every such sign-in fires, not one per user and day.")));
    }

    QueryRule tenantTrustChange() {
        String id = TenantTrustChangeDetection.ID;
        String kql = "AuditLogs\n"
                + "| where OperationName has \"cross-tenant access setting\" or OperationName has \"federation settings\""
                + " or OperationName == \"Set domain authentication\"\n"
                + "| where Result == \"success\"\n"
                + "| extend AccountUpn = tostring(InitiatedBy.user.userPrincipalName), IPAddress = tostring(InitiatedBy.user.ipAddress),"
                + " Target = tostring(TargetResources[0].displayName)\n"
                + "| project TimeGenerated, OperationName, AccountUpn, IPAddress, Target, LoggedByService, CorrelationId";
        Map<String, Object> sigma = new LinkedHashMap<>();
        sigma.put("selection_partner", QueryRule.Sigma.fields("OperationName|contains", List.of("cross-tenant access setting",
                "federation settings")));
        sigma.put("selection_domain", QueryRule.Sigma.fields("OperationName", "Set domain authentication"));
        sigma.put("condition", "1 of selection_*");
        return new QueryRule(info(id), "A change to a domain's federation settings or to the cross-tenant access settings.",
                "Every such change fires at one severity: a federation change is not set above a cross-tenant one, and "
                        + "neither rises to critical when the actor had a suspicious sign-in before.",
                EVERY_HOUR, EVERY_HOUR, List.of(MailboxQueries.AUDIT), kql, true,
                Optional.of(new QueryRule.Sigma("auditlogs", sigma, "")));
    }
}

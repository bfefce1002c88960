package io.aitmdefense.detect.rules;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.detect.detections.ClientMismatchDetection;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sign-in detections as queries over {@code SigninLogs} and {@code AADNonInteractiveUserSignInLogs}. */
final class SignInQueries {
    static final String SIGNINS = "SigninLogs";
    static final String NON_INTERACTIVE = "AADNonInteractiveUserSignInLogs";
    /** Sentinel's longest query period: history beyond it cannot be asked for. */
    static final Duration MAX_PERIOD = Duration.ofDays(14);
    static final Duration EVERY_HOUR = Duration.ofHours(1);

    private final DetectConfig config;
    private final TenantFilter tenant;

    SignInQueries(DetectConfig config) {
        this.config = config;
        this.tenant = new TenantFilter(config.tenant());
    }

    private Thresholds t(String id) {
        return config.detection(id);
    }

    QueryRule sessionReplay() {
        String id = "session-replay";
        Duration window = t(id).duration("window", Duration.ofMinutes(60));
        Duration minDelay = t(id).duration("minDelay", Duration.ofSeconds(1));
        String kql = tenant.lets()
                + "let window = " + Kql.timespan(window) + ";\n"
                + "let minDelay = " + Kql.timespan(minDelay) + ";\n"
                + BOTH_SIGNINS + UNION + "\n"
                + "| where ResultType == \"0\" and isnotempty(SessionId) and isnotempty(tostring(AutonomousSystemNumber))\n"
                + TenantFilter.signIns()
                + "| summarize FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), Networks = dcount(tostring(AutonomousSystemNumber)),"
                + " Clients = dcount(UserAgent), IPs = make_set(IPAddress, 10), UserAgents = make_set(UserAgent, 5)"
                + " by SessionId, UserPrincipalName, Bin = bin(TimeGenerated, window)\n"
                + "| where Networks > 1 and Clients > 1 and LastSeen - FirstSeen >= minDelay\n"
                + "| extend AccountUpn = UserPrincipalName, IPAddress = tostring(IPs[0])";
        return new QueryRule(info(id), "One Entra session used from more than one network (ASN) by more than one client"
                + " within " + Kql.timespan(window) + ".",
                "Sessions are compared within fixed " + Kql.timespan(window) + " bins, so a replay that straddles two bins is "
                        + "missed; the order of the uses is not checked beyond their spread; addresses without an ASN (the "
                        + "/16 or /48 comparison), the one-ASN mobile hop and dual-stack suppression, and the non-interactive "
                        + "row that only inherits the interactive sign-in's address are not judged.",
                EVERY_HOUR, window.plus(EVERY_HOUR), List.of(SIGNINS, NON_INTERACTIVE), kql, true, Optional.empty());
    }

    QueryRule hostingIpSignIn() {
        String id = "hosting-ip-signin";
        List<Integer> hosting = CuratedEnrichment.asns(NetworkKind.HOSTING);
        String kql = tenant.lets()
                + "let hostingAsns = " + Kql.ints(hosting) + ";\n"
                + "SigninLogs\n"
                + "| where ResultType == \"0\" and toint(AutonomousSystemNumber) in (hostingAsns)\n"
                + TenantFilter.signIns()
                + "| summarize FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), SignIns = count(),"
                + " Apps = make_set(AppDisplayName, 10), UserAgents = make_set(UserAgent, 5)"
                + " by UserPrincipalName, IPAddress, AutonomousSystemNumber\n"
                + "| extend AccountUpn = UserPrincipalName";
        Map<String, Object> sigma = new LinkedHashMap<>();
        sigma.put("selection", QueryRule.Sigma.fields("ResultType", "0", "AutonomousSystemNumber", hosting));
        sigma.put("filter_trusted", QueryRule.Sigma.fields("NetworkLocationDetails|contains", "trustedNamedLocation"));
        sigma.put("condition", "selection and not filter_trusted");
        return new QueryRule(info(id), "A successful interactive sign-in from a hosting or VPS network of the curated list ("
                + CuratedEnrichment.classesVersion() + ", " + hosting.size() + " ASNs).",
                "Addresses without an ASN in the log are not looked up in an IP-to-ASN table; the alert is not deduplicated "
                        + "per user and network over a day.",
                EVERY_HOUR, EVERY_HOUR, List.of(SIGNINS), kql, true,
                Optional.of(new QueryRule.Sigma("signinlogs", sigma, "The tenant's trusted ASNs and CIDRs are not in the "
                        + "rule: add them as filters.")));
    }

    QueryRule clientMismatch() {
        String id = "client-mismatch";
        List<String> agents = t(id).strings("scriptingAgents", ClientMismatchDetection.SCRIPTING_AGENTS);
        String kql = tenant.lets()
                + "let scriptingAgents = " + Kql.anyOf(agents) + ";\n"
                + BOTH_SIGNINS + UNION + "\n"
                + "| where ResultType == \"0\" and UserAgent matches regex scriptingAgents\n"
                + TenantFilter.signIns()
                + "| summarize FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), SignIns = count(),"
                + " Apps = make_set(AppDisplayName, 10) by UserPrincipalName, IPAddress, UserAgent\n"
                + "| extend AccountUpn = UserPrincipalName";
        Map<String, Object> sigma = new LinkedHashMap<>();
        sigma.put("selection", QueryRule.Sigma.fields("ResultType", "0", "UserAgent|contains", agents));
        sigma.put("filter_trusted", QueryRule.Sigma.fields("NetworkLocationDetails|contains", "trustedNamedLocation"));
        sigma.put("condition", "selection and not filter_trusted");
        return new QueryRule(info(id), "A successful sign-in by a scripting client (" + String.join(", ", agents) + ").",
                "Only the scripting-client half: the client that changes machine or operating system within one session "
                        + "needs the session's earlier sign-ins and is not in the query.",
                EVERY_HOUR, EVERY_HOUR, List.of(SIGNINS, NON_INTERACTIVE), kql, true,
                Optional.of(new QueryRule.Sigma("signinlogs", sigma, "Microsoft's AS8075 and the tenant's trusted networks "
                        + "are not excluded.")));
    }

    QueryRule tokenWithoutMfa() {
        String id = "token-without-mfa";
        Duration history = days(t(id).integer("historyDays", 14));
        String kql = tenant.lets()
                + "let history = " + Kql.timespan(history) + ";\n"
                + "let recent = " + Kql.timespan(EVERY_HOUR) + ";\n"
                + "let known = SigninLogs\n"
                + "    | where TimeGenerated between (ago(history) .. ago(recent)) and ResultType == \"0\"\n"
                + "    | distinct UserPrincipalName, IPAddress;\n"
                + "SigninLogs\n"
                + "| where TimeGenerated > ago(recent) and ResultType == \"0\"\n"
                + "| where AuthenticationDetails has \"Previously satisfied\" or AuthenticationDetails has \"satisfied by claim in the token\"\n"
                + TenantFilter.signIns()
                + "| join kind=leftanti known on UserPrincipalName, IPAddress\n"
                + "| join kind=inner (known | distinct UserPrincipalName) on UserPrincipalName\n"
                + "| project TimeGenerated, UserPrincipalName, IPAddress, AutonomousSystemNumber, AppDisplayName, UserAgent, SessionId\n"
                + "| extend AccountUpn = UserPrincipalName";
        return new QueryRule(info(id), "A sign-in whose MFA was satisfied by a claim in the token, from an address the user "
                + "has not signed in from in " + Kql.timespan(history) + ".",
                "New is judged per address, not per network or device (a user's own device on a new network fires); "
                        + "sign-ins ingested more than an hour late are never judged; the history is capped at Sentinel's 14 "
                        + "days" + capped(history) + "; primary-refresh-token sign-ins of managed devices are not set apart.",
                EVERY_HOUR, cap(history), List.of(SIGNINS), kql, true, Optional.empty());
    }

    QueryRule tokenProtectionFailure() {
        String id = "token-protection-failure";
        boolean reportOnly = t(id).flag("includeReportOnly", true);
        String results = reportOnly ? "(\"failure\", \"reportOnlyFailure\")" : "(\"failure\")";
        String kql = tenant.lets()
                + BOTH_SIGNINS + UNION + "\n"
                + "| where tostring(DeviceDetail.operatingSystem) startswith \"Windows\"\n"
                + TenantFilter.signIns()
                + "| mv-expand Policy = ConditionalAccessPolicies\n"
                + "| where tostring(Policy.enforcedSessionControls) has_any (\"SignInTokenProtection\", \"Binding\")"
                + " and tostring(Policy.result) in " + results + "\n"
                + "| summarize FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), Failures = count(),"
                + " Apps = make_set(AppDisplayName, 10), Policies = make_set(tostring(Policy.displayName), 5)"
                + " by UserPrincipalName, IPAddress\n"
                + "| extend AccountUpn = UserPrincipalName";
        return new QueryRule(info(id), "A token-protection Conditional Access policy failed" + (reportOnly ? " (enforced or "
                + "report-only)" : " (enforced)") + " for a Windows client.",
                "Supported clients are approximated by the operating system (Windows), not by the broker apps the "
                        + "detection lists, so unsupported Windows apps can fire; failures are not deduplicated per user over a day.",
                EVERY_HOUR, EVERY_HOUR, List.of(SIGNINS, NON_INTERACTIVE), kql, true, Optional.empty());
    }

    QueryRule deviceCodePhish() {
        String id = "device-code-phish";
        Duration history = days(t(id).integer("historyDays", 30));
        String deviceCode = "(AuthenticationProtocol == \"deviceCode\" or OriginalTransferMethod == \"deviceCodeFlow\")";
        String kql = tenant.lets()
                + "let history = " + Kql.timespan(cap(history)) + ";\n"
                + "let recent = " + Kql.timespan(EVERY_HOUR) + ";\n"
                + "let habitual = SigninLogs\n"
                + "    | where TimeGenerated between (ago(history) .. ago(recent)) and " + deviceCode + "\n"
                + "    | distinct UserPrincipalName;\n"
                + "SigninLogs\n"
                + "| where TimeGenerated > ago(recent) and ResultType == \"0\" and " + deviceCode + "\n"
                + TenantFilter.signIns()
                + "| join kind=leftanti habitual on UserPrincipalName\n"
                + "| project TimeGenerated, UserPrincipalName, IPAddress, AutonomousSystemNumber, AppDisplayName, UserAgent, SessionId\n"
                + "| extend AccountUpn = UserPrincipalName";
        Map<String, Object> sigma = new LinkedHashMap<>();
        sigma.put("selection", QueryRule.Sigma.fields("ResultType", "0", "AuthenticationProtocol", "deviceCode"));
        sigma.put("filter_trusted", QueryRule.Sigma.fields("NetworkLocationDetails|contains", "trustedNamedLocation"));
        sigma.put("condition", "selection and not filter_trusted");
        return new QueryRule(info(id), "A successful device-code sign-in for a user without one in the previous "
                + Kql.timespan(cap(history)) + ".",
                "The habit is looked up over at most Sentinel's 14 days" + capped(history) + "; sign-ins ingested more "
                        + "than an hour late are never judged; the severity does not rise with a hosting network or mail "
                        + "read in the same session afterwards.",
                EVERY_HOUR, cap(history), List.of(SIGNINS), kql, true,
                Optional.of(new QueryRule.Sigma("signinlogs", sigma, "No history: every device-code sign-in fires, also for "
                        + "users who use device code daily (conference rooms, command-line tools).")));
    }

    QueryRule impossibleTravel() {
        String id = "impossible-travel";
        double minKm = t(id).decimal("minKm", 500), minSpeed = t(id).decimal("minSpeedKmh", 800);
        String kql = tenant.lets()
                + "let minKm = " + minKm + ";\n"
                + "let minSpeedKmh = " + minSpeed + ";\n"
                + "SigninLogs\n"
                + "| where ResultType == \"0\"\n"
                + TenantFilter.signIns()
                + "| extend Lat = todouble(LocationDetails.geoCoordinates.latitude), Lon = todouble(LocationDetails.geoCoordinates.longitude)\n"
                + "| where isnotnull(Lat) and isnotnull(Lon)\n"
                + "| sort by UserPrincipalName asc, TimeGenerated asc\n"
                + "| extend PrevUser = prev(UserPrincipalName), PrevTime = prev(TimeGenerated), PrevLat = prev(Lat),"
                + " PrevLon = prev(Lon), PrevIP = prev(IPAddress), PrevAsn = prev(tostring(AutonomousSystemNumber))\n"
                + "| where PrevUser == UserPrincipalName and PrevAsn != tostring(AutonomousSystemNumber)\n"
                + "| extend Km = geo_distance_2points(Lon, Lat, PrevLon, PrevLat) / 1000.0,"
                + " Hours = (TimeGenerated - PrevTime) / 1h\n"
                + "| where Km >= minKm and Km / max_of(Hours, 0.001) >= minSpeedKmh\n"
                + "| extend AccountUpn = UserPrincipalName";
        return new QueryRule(info(id), "Two consecutive interactive sign-ins at least " + minKm + " km apart at "
                + minSpeed + " km/h or faster.",
                "Only pairs within one query period are compared (the first sign-in of each run has no predecessor); "
                        + "SASE/VPN and hosting egress are not set aside except by the tenant's trusted networks; there is no "
                        + "one-alert-a-day deduplication.",
                EVERY_HOUR, Duration.ofHours(2), List.of(SIGNINS), kql, true, Optional.empty());
    }

    /**
     * The two sign-in tables as one: AADNonInteractiveUserSignInLogs keeps DeviceDetail, LocationDetails and
     * ConditionalAccessPolicies as strings where SigninLogs has dynamic values, and a union of differing types splits a
     * column in two (DeviceDetail_string, DeviceDetail_dynamic), so the non-interactive ones are parsed first.
     */
    static final String BOTH_SIGNINS = "let nonInteractive = AADNonInteractiveUserSignInLogs\n"
            + "    | extend DeviceDetail = todynamic(DeviceDetail), LocationDetails = todynamic(LocationDetails),"
            + " ConditionalAccessPolicies = todynamic(ConditionalAccessPolicies);\n";
    static final String UNION = "union isfuzzy=true SigninLogs, nonInteractive";

    static Duration days(int n) {
        if (n < 1) throw new IllegalArgumentException("historyDays must be at least 1, got " + n);
        return Duration.ofDays(n);
    }

    static Duration cap(Duration history) {
        return history.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : history;
    }

    /** ", not the configured 30d" when the configured history was longer than Sentinel allows. */
    static String capped(Duration history) {
        return history.compareTo(MAX_PERIOD) > 0 ? " instead of the configured " + Kql.timespan(history) : "";
    }

    static io.aitmdefense.model.DetectionInfo info(String id) {
        return Catalogue.info(id).orElseThrow(() -> new IllegalStateException("no detection " + id));
    }
}

package io.aitmdefense.detect.rules;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.detect.detections.MicrosoftAlertDetection;
import io.aitmdefense.detect.detections.RiskAnomalousTokenDetection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.aitmdefense.detect.rules.SignInQueries.EVERY_HOUR;
import static io.aitmdefense.detect.rules.SignInQueries.info;

/** Identity Protection, directory-change and Microsoft-alert detections as queries over their own tables. */
final class DirectoryQueries {
    static final String RISK = "AADUserRiskEvents";
    static final String SECURITY_ALERT = "SecurityAlert";

    /** Operation names that end in one of these change Conditional Access or how users authenticate. */
    private static final List<String> POLICY_OPERATIONS = List.of("conditional access policy", "named location",
            "authentication methods policy", "authentication strength");

    private final DetectConfig config;

    DirectoryQueries(DetectConfig config) {
        this.config = config;
    }

    private Thresholds t(String id) {
        return config.detection(id);
    }

    QueryRule riskAnomalousToken() {
        String id = "risk-anomalous-token";
        List<String> types = t(id).strings("types", RiskAnomalousTokenDetection.TYPES);
        List<String> triaged = List.of("dismissed", "remediated", "confirmedSafe");
        String kql = "let types = " + Kql.strings(types) + ";\n"
                + "AADUserRiskEvents\n"
                + "| where RiskEventType in~ (types)\n"
                + "| where RiskState !in~ " + Kql.tuple(triaged) + " and RiskDetail != \"aiConfirmedSigninSafe\"\n"
                + "| project TimeGenerated, UserPrincipalName, IPAddress = IpAddress, RiskEventType, RiskLevel, RiskState,"
                + " DetectionTimingType, RequestId\n"
                + "| extend AccountUpn = UserPrincipalName";
        Map<String, Object> sigma = new java.util.LinkedHashMap<>();
        sigma.put("selection", QueryRule.Sigma.fields("riskEventType", types));
        sigma.put("filter_triaged", QueryRule.Sigma.fields("riskState", triaged));
        sigma.put("condition", "selection and not filter_triaged");
        return new QueryRule(info(id), "An Identity Protection detection of a token-level type (" + String.join(", ", types) + ").",
                "Only the types that alert alone: the weaker ones that alert when two come together or with a suspicious "
                        + "sign-in (" + String.join(", ", t(id).strings("combineTypes", RiskAnomalousTokenDetection.COMBINE_TYPES)) + ") need the user's "
                        + "other detections and are not in the query; detections of one user are not grouped into one alert.",
                EVERY_HOUR, EVERY_HOUR, List.of(RISK), kql, true,
                Optional.of(new QueryRule.Sigma("riskdetection", sigma, "")));
    }

    QueryRule caTampering() {
        String id = "ca-tampering";
        String kql = "AuditLogs\n"
                + "| where OperationName matches regex " + Kql.anyOf(POLICY_OPERATIONS).replace(")\"", ")$\"")
                + " or OperationName in (\"Disable Strong Authentication\", \"Set company information\")\n"
                + "| where OperationName != \"Add conditional access policy\"\n"
                + "| where Result == \"success\"\n"
                + "| extend AccountUpn = tostring(InitiatedBy.user.userPrincipalName), IPAddress = tostring(InitiatedBy.user.ipAddress),"
                + " Target = tostring(TargetResources[0].displayName)\n"
                + "| project TimeGenerated, OperationName, AccountUpn, IPAddress, Target, LoggedByService, CorrelationId";
        List<String> endings = new ArrayList<>(POLICY_OPERATIONS);
        Map<String, Object> sigma = new java.util.LinkedHashMap<>();
        sigma.put("selection_policy", QueryRule.Sigma.fields("OperationName|endswith", endings));
        sigma.put("selection_mfa", QueryRule.Sigma.fields("OperationName", List.of("Disable Strong Authentication", "Set company information")));
        sigma.put("filter_create", QueryRule.Sigma.fields("OperationName", "Add conditional access policy"));
        sigma.put("condition", "1 of selection_* and not filter_create");
        return new QueryRule(info(id), "A change to a Conditional Access policy, a named location or the authentication "
                + "methods policy (creating a new policy aside).",
                "Every such change fires at one severity: the query cannot tell a weakening change from an edit (old and "
                        + "new policy compared), nor raise it to critical when the actor had a suspicious sign-in before.",
                EVERY_HOUR, EVERY_HOUR, List.of(MailboxQueries.AUDIT), kql, true,
                Optional.of(new QueryRule.Sigma("auditlogs", sigma, "")));
    }

    QueryRule microsoftAlert() {
        String id = MicrosoftAlertDetection.ID;
        Thresholds th = t(id);
        List<String> titles = new ArrayList<>();
        for (String key : List.of("phishingTitles", "sessionTitles", "mailboxTitles", "becTitles")) titles.addAll(th.strings(key, List.of()));
        List<String> ignoreStatuses = th.strings("ignoreStatuses", List.of("dismissed"));
        String kql = "let titles = " + Kql.anyOf(titles) + ";\n"
                + "SecurityAlert\n"
                + "| where AlertName matches regex titles\n"
                + "| summarize arg_max(TimeGenerated, *) by SystemAlertId\n"
                + "| where Status !in~ " + Kql.tuple(ignoreStatuses) + "\n"
                + "| extend AccountUpn = CompromisedEntity,"
                + " IPAddress = extract(@'\"Address\":\"([^\"]+)\"', 1, Entities)\n"
                + "| project TimeGenerated, AlertName, AlertSeverity, ProductName, SystemAlertId, AlertLink, AccountUpn, IPAddress";
        return new QueryRule(info(id), "A Microsoft alert whose title names AiTM phishing, a stolen session cookie or "
                + "anomalous token, a suspicious inbox rule or BEC.",
                "Reads the SecurityAlert table only (not Graph alerts_v2 pages or Defender AlertInfo/AlertEvidence); the "
                        + "account is the alert's compromised entity as Microsoft names it, not the UPN from its evidence; "
                        + "classifications (false positive, expected activity) are not in the table and are not filtered.",
                EVERY_HOUR, EVERY_HOUR, List.of(SECURITY_ALERT), kql, true, Optional.empty());
    }
}

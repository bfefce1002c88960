package io.aitmdefense.detect.rules;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.model.NetworkKind;
import io.aitmdefense.detect.detections.ClientMismatchDetection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.aitmdefense.detect.rules.SignInQueries.EVERY_HOUR;
import static io.aitmdefense.detect.rules.SignInQueries.SIGNINS;
import static io.aitmdefense.detect.rules.SignInQueries.info;

/**
 * The detections that tie mailbox and directory changes or mail volume to a suspicious sign-in, as queries joining
 * {@code OfficeActivity} and {@code AuditLogs} to {@code SigninLogs}. What counts as a suspicious sign-in is written
 * once ({@link #suspiciousSignIns}) and is the part of the detections' judgement a query can make from single rows.
 */
final class MailboxQueries {
    static final String OFFICE = "OfficeActivity";
    static final String AUDIT = "AuditLogs";

    private final DetectConfig config;
    private final TenantFilter tenant;

    MailboxQueries(DetectConfig config) {
        this.config = config;
        this.tenant = new TenantFilter(config.tenant());
    }

    private Thresholds t(String id) {
        return config.detection(id);
    }

    /** {@code let suspicious = …;} with SignInTime, AccountUpn (lower case), IPAddress and Reason. */
    private String suspiciousSignIns() {
        List<String> agents = config.detection("client-mismatch").strings("scriptingAgents", ClientMismatchDetection.SCRIPTING_AGENTS);
        return tenant.lets()
                + "let hostingAsns = " + Kql.ints(CuratedEnrichment.asns(NetworkKind.HOSTING)) + ";\n"
                + "let scriptingAgents = " + Kql.anyOf(agents) + ";\n"
                + SignInQueries.BOTH_SIGNINS
                + "let suspicious = " + SignInQueries.UNION + "\n"
                + "    | where ResultType == \"0\"\n"
                + indent(TenantFilter.signIns())
                + "    | extend Reason = case(RiskLevelDuringSignIn in (\"medium\", \"high\"), strcat(\"sign-in risk \", RiskLevelDuringSignIn),"
                + " toint(AutonomousSystemNumber) in (hostingAsns), \"hosting network\","
                + " UserAgent matches regex scriptingAgents, \"scripting client\","
                + " AuthenticationProtocol == \"deviceCode\", \"device code\", \"\")\n"
                + "    | where isnotempty(Reason)\n"
                + "    | project SignInTime = TimeGenerated, AccountUpn = tolower(UserPrincipalName), IPAddress, Reason;\n";
    }

    private static String indent(String pipes) {
        return pipes.replace("| ", "    | ");
    }

    private static final String SUSPICIOUS_LOSES = "a suspicious sign-in is only a risky, hosting-network, scripting-client "
            + "or device-code one: session replay, MFA satisfied by a token from a new network and Identity Protection "
            + "detections do not count";

    /** {@code let persistence = …;}: the changes both persistence rules join to sign-ins, with the address they came from. */
    private static final String PERSISTENCE = "let persistence = union isfuzzy=true\n"
                + "    (OfficeActivity\n"
                + "        | where Operation in (\"New-InboxRule\", \"Set-InboxRule\", \"UpdateInboxRules\", \"Set-Mailbox\")\n"
                + "        | where Parameters has_any (\"ForwardTo\", \"RedirectTo\", \"ForwardAsAttachmentTo\", \"DeleteMessage\","
                + " \"MoveToFolder\", \"MarkAsRead\", \"ForwardingSmtpAddress\", \"ForwardingAddress\")"
                + " or tostring(column_ifexists(\"OperationProperties\", \"\")) has_any (\"ForwardTo\", \"RedirectTo\", \"DeleteMessage\", \"MoveToFolder\", \"MarkAsRead\")\n"
                + "        | project ChangeTime = TimeGenerated, AccountUpn = tolower(UserId), ChangeIP = ClientIP, Change = Operation, Detail = tostring(Parameters)),\n"
                + "    (AuditLogs\n"
                + "        | where OperationName in (\"Consent to application\", \"User registered security info\","
                + " \"Admin registered security info\", \"Register device\", \"Add registered owner to device\")\n"
                + "        | where Result == \"success\"\n"
                + "        | extend Actor = tostring(InitiatedBy.user.userPrincipalName), Target = tostring(TargetResources[0].userPrincipalName)\n"
                + "        | project ChangeTime = TimeGenerated, AccountUpn = tolower(iff(isnotempty(Actor), Actor, Target)),"
                + " ChangeIP = tostring(InitiatedBy.user.ipAddress), Change = OperationName, Detail = tostring(TargetResources));\n";

    QueryRule signInThenPersistence() {
        String id = "signin-then-persistence";
        Duration before = t(id).duration("before", Duration.ofMinutes(60));
        Duration after = t(id).duration("after", Duration.ofMinutes(30));
        String kql = suspiciousSignIns()
                + "let before = " + Kql.timespan(before) + ";\n"
                + "let after = " + Kql.timespan(after) + ";\n"
                + PERSISTENCE
                + "persistence\n"
                + "| join kind=inner suspicious on AccountUpn\n"
                + "| where ChangeTime between ((SignInTime - after) .. (SignInTime + before))\n"
                + "| summarize SignInTime = min(SignInTime), IPAddress = take_any(IPAddress), Reasons = make_set(Reason, 5)"
                + " by AccountUpn, ChangeTime, Change, Detail";
        return new QueryRule(info(id), "A persistence change (hiding or forwarding inbox rule, mailbox forwarding, consent, new "
                + "MFA method, device registration) up to " + Kql.timespan(before) + " after, or " + Kql.timespan(after)
                + " before, a suspicious sign-in of the same user.",
                SUSPICIOUS_LOSES + "; forwarding is not checked to be external, "
                        + "consents are not checked for offline access to mail or files, and a change whose sign-in lies in the "
                        + "previous query period is missed.",
                EVERY_HOUR, EVERY_HOUR.plus(before).plus(after), List.of(SIGNINS, OFFICE, AUDIT), kql, true, Optional.empty());
    }

    QueryRule persistenceAfterPause() {
        String id = "persistence-after-pause";
        Duration minGap = t(id).duration("minGap", Duration.ofMinutes(60));
        Duration pause = t(id).duration("pause", Duration.ofDays(5));
        Duration period = SignInQueries.cap(pause.plus(EVERY_HOUR));
        String kql = suspiciousSignIns()
                + "let minGap = " + Kql.timespan(minGap) + ";\n"
                + "let pause = " + Kql.timespan(pause) + ";\n"
                + PERSISTENCE
                + "persistence\n"
                + "| where ChangeTime > ago(" + Kql.timespan(EVERY_HOUR) + ")\n"
                + "| join kind=inner suspicious on AccountUpn\n"
                + "| where ChangeTime between ((SignInTime + minGap) .. (SignInTime + pause)) and ChangeIP == IPAddress\n"
                + "| summarize SignInTime = max(SignInTime), Reasons = make_set(Reason, 5) by AccountUpn, IPAddress, ChangeTime, Change, Detail";
        return new QueryRule(info(id), "A persistence change from the address of a suspicious sign-in of the same user "
                + Kql.timespan(minGap) + " to " + Kql.timespan(pause) + " before it.",
                SUSPICIOUS_LOSES + "; the change is tied to the sign-in by its exact address only (not by session, "
                        + "not by the hosting network), so a mailbox address logged with a port is not matched; forwarding is "
                        + "not checked to be external.",
                EVERY_HOUR, period, List.of(SIGNINS, OFFICE, AUDIT), kql, true, Optional.empty());
    }

    QueryRule massMailAccess() {
        String id = "mass-mail-access";
        Duration window = t(id).duration("window", Duration.ofMinutes(60));
        int minItems = t(id).integer("minItems", 100);
        String kql = "let window = " + Kql.timespan(window) + ";\n"
                + "let minItems = " + minItems + ";\n"
                + "OfficeActivity\n"
                + "| where Operation == \"MailItemsAccessed\"\n"
                + "| extend Items = coalesce(toint(column_ifexists(\"OperationCount\", \"\")), 1)\n"
                + "| summarize Items = sum(Items), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated)"
                + " by AccountUpn = tolower(UserId), IPAddress = ClientIP, bin(TimeGenerated, window)\n"
                + "| where Items >= minItems";
        return new QueryRule(info(id), "At least " + minItems + " mailbox items read (MailItemsAccessed) from one address within "
                + Kql.timespan(window) + ".",
                "No per-user baseline and no tie to a suspicious session: any heavy reader fires, a mail client's first sync "
                        + "included; items are counted per record, not per message in its folders.",
                EVERY_HOUR, window.plus(EVERY_HOUR), List.of(OFFICE), kql, true, Optional.empty());
    }

    QueryRule becSend() {
        String id = "bec-send";
        Duration window = t(id).duration("window", Duration.ofMinutes(60));
        Duration suspiciousWindow = t(id).duration("suspiciousWindow", Duration.ofHours(12));
        int minSends = t(id).integer("minSends", 10);
        String kql = suspiciousSignIns()
                + "let window = " + Kql.timespan(window) + ";\n"
                + "let minSends = " + minSends + ";\n"
                + "let suspiciousWindow = " + Kql.timespan(suspiciousWindow) + ";\n"
                + "OfficeActivity\n"
                + "| where Operation in (\"Send\", \"SendAs\", \"SendOnBehalf\")\n"
                + "| summarize Sends = count(), FirstSeen = min(TimeGenerated), Subjects = make_set(tostring(column_ifexists(\"Subject\", \"\")), 5)"
                + " by AccountUpn = tolower(UserId), IPAddress = ClientIP, bin(TimeGenerated, window)\n"
                + "| where Sends >= minSends\n"
                + "| join kind=inner suspicious on AccountUpn, IPAddress\n"
                + "| where SignInTime between ((FirstSeen - suspiciousWindow) .. FirstSeen)";
        return new QueryRule(info(id), "At least " + minSends + " sends within " + Kql.timespan(window) + " from the address of "
                + "a suspicious sign-in of the user in the " + Kql.timespan(suspiciousWindow) + " before.",
                SUSPICIOUS_LOSES + "; sends are tied to the sign-in by address "
                        + "only, not by session; a burst that straddles two " + Kql.timespan(window) + " bins may not reach the threshold.",
                EVERY_HOUR, suspiciousWindow.plus(window), List.of(SIGNINS, OFFICE), kql, true, Optional.empty());
    }
}

package io.aitmdefense.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.aitmdefense.cli.CommandRun.aitm;
import static org.assertj.core.api.Assertions.assertThat;

/** Microsoft's alerts fed to aitm detect: the identity ones become incidents, the others are counted, not lost. */
class DetectMicrosoftAlertsTest {
    @TempDir
    Path tmp;

    @Test
    void theGraphDocsAlertIsReadAndReportedAsLeftAsideWithItsTitle() {
        CommandRun run = aitm("detect", "../shared/data/graph-samples/security-alerts_v2-list.json");

        assertThat(run.status()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("1 Microsoft alert row(s) read: 0 used by microsoft-alert; ignored: 1 not about"
                + " phishing, session theft or the mailbox ('Suspicious execution of hidden file' ×1).");
    }

    @Test
    void aHighAitmAlertOfMicrosoftIsAnIncidentForTheUserItNames() throws IOException {
        Path alerts = Files.writeString(tmp.resolve("securityalert.ndjson"),
                "{\"TimeGenerated\":\"2026-03-02T10:20:00Z\",\"AlertName\":\"Possible AiTM phishing attempt\",\"AlertSeverity\":\"High\","
                        + "\"ProductName\":\"Microsoft Defender for Cloud Apps\",\"SystemAlertId\":\"a-1\",\"StartTime\":\"2026-03-02T10:12:00Z\","
                        + "\"Status\":\"New\",\"AlertLink\":\"https://security.microsoft.com/alerts/a-1\",\"Entities\":\"[{\\\"Name\\\":\\\"jane\\\","
                        + "\\\"UPNSuffix\\\":\\\"contoso.example\\\",\\\"Type\\\":\\\"account\\\"}]\",\"Type\":\"SecurityAlert\"}\n");

        CommandRun run = aitm("detect", alerts.toString(), "--fail-on", "high");

        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).contains("jane@contoso.example").contains("https://security.microsoft.com/alerts/a-1");
        assertThat(run.err()).contains("1 Microsoft alert row(s) read: 1 used by microsoft-alert.");
    }
}

package io.aitmdefense.events.read;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** The public real exports in shared/data/logs (see its SOURCES.md) read completely and correctly. */
class RealLogFilesTest {
    private static final Path LOGS = Path.of("../shared/data/logs");
    private static final Path LAB = LOGS.resolve("sentinel-training-lab");
    private static final Path SAML = LOGS.resolve("otrf-golden-saml");
    private static final String ATTACKER_IP = "175.45.176.99";

    @Test
    void trainingLabSignInsAreAll56TokenSatisfiedSignInsOfAdele() {
        Reading r = Reading.of(LAB.resolve("sign-in_adelete.csv"));

        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().error()).isEmpty();
        assertThat(r.file().tables()).containsOnly(org.assertj.core.api.Assertions.entry("SigninLogs", 56L));
        assertThat(r.signIns()).hasSize(56).allSatisfy(s -> {
            assertThat(s.user()).isEqualTo("adelev@m365x816222.onmicrosoft.com");
            assertThat(s.ip()).isEqualTo(ATTACKER_IP);
            assertThat(s.authRequirement()).isEqualTo("singleFactorAuthentication");
            assertThat(s.satisfiedByToken()).isTrue();
            assertThat(s.authSteps()).anySatisfy(step -> assertThat(step.resultDetail())
                    .isEqualTo("First factor requirement satisfied by claim in the token"));
            assertThat(s.tenantId()).isEqualTo("2ad3fc79-1859-42fa-9011-6f8df2251b22");
            assertThat(s.category()).isEqualTo(SignIn.Category.INTERACTIVE);
            assertThat(s.resourceId()).doesNotStartWith("/");
        });
        assertThat(r.file().first()).contains(Instant.parse("2021-04-28T14:08:45.221Z"));
        assertThat(r.file().last()).contains(Instant.parse("2021-04-28T15:19:08.373Z"));
        SignIn first = r.signIns().get(0);
        assertThat(first.appName()).isEqualTo("Azure Portal");
        assertThat(first.resourceId()).isEqualTo("797f4846-ba00-4fd7-ba43-dac1f8f63013");
        assertThat(first.device().browser()).isEqualTo("Edge 90.0.818");
    }

    @Test
    void trainingLabOfficeActivityHasAll266RowsAndTheAttackersMailboxActions() {
        Reading r = Reading.of(LAB.resolve("office_activity.csv"));

        assertThat(r.file().rejected()).isZero();
        assertThat(r.office()).hasSize(266);

        OfficeActivity rule = r.operation("New-InboxRule");
        assertThat(rule.ip()).isEqualTo(ATTACKER_IP);
        assertThat(rule.time()).isEqualTo(Instant.parse("2021-04-28T14:33:14Z"));
        assertThat(rule.user()).isEqualTo("adelev@m365x816222.onmicrosoft.com");
        assertThat(rule.artifact()).get().asInstanceOf(type(Artifact.InboxRule.class)).satisfies(a -> {
            assertThat(a.name()).isEqualTo("junk");
            assertThat(a.conditions()).isEqualTo("subjectcontainswords=legal");
            assertThat(a.stopsProcessing()).isTrue();
            assertThat(a.enabled()).isTrue();
        });

        assertThat(r.office()).filteredOn(o -> o.operation().equals("Send") && o.ip().equals(ATTACKER_IP))
                .singleElement().satisfies(send -> {
                    assertThat(send.subject()).isEqualTo("email from HR");
                    assertThat(send.userAgent()).contains("Edg/90.0.818.49");
                });
        assertThat(r.operation("MoveToDeletedItems")).satisfies(d -> {
            assertThat(d.ip()).isEqualTo(ATTACKER_IP);
            assertThat(d.recordType()).isEqualTo(3);
            assertThat(d.itemCount()).isEqualTo(1);
        });
        assertThat(r.office()).filteredOn(o -> o.operation().equals("MailItemsAccessed") && o.ip().equals(ATTACKER_IP))
                .isNotEmpty().allSatisfy(m -> assertThat(m.clientInfo()).startsWith("Client=OWA"));
        assertThat(r.office()).filteredOn(o -> o.operation().equals("FileDeleted"))
                .singleElement().satisfies(f -> assertThat(f.workload()).isEqualTo("OneDrive"));
    }

    @Test
    void trainingLabInboxRulesReadTheBracketedIpv6ClientAddress() {
        Reading r = Reading.of(LAB.resolve("office_activity_inbox_rule.csv"));

        assertThat(r.file().rejected()).isZero();
        assertThat(r.office()).hasSize(2).allSatisfy(o -> {
            assertThat(o.ip()).isEqualTo("2a01:110:8068:7:9bf8:aa87:e00a:5f1f");
            assertThat(o.operation()).isEqualTo("New-InboxRule");
        });
        assertThat(r.office()).extracting(o -> o.artifact().orElseThrow()).containsExactlyInAnyOrder(
                new Artifact.InboxRule("New-InboxRule", "rule2", true, "subjectcontainswords=do not open", java.util.List.of(),
                        java.util.List.of(), java.util.List.of(), false, false, "Junk Email", true, "AdeleV@contoso.OnMicrosoft.com",
                        "NAMPR06A003.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/AdeleV\\rule2"),
                new Artifact.InboxRule("New-InboxRule", "my_rule1", true, "bodycontainswords=covid-19", java.util.List.of(),
                        java.util.List.of(), java.util.List.of(), true, false, "", true, "AdeleV@contoso.OnMicrosoft.com",
                        "NAMPR06A003.prod.outlook.com/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/AdeleV\\my_rule1"));
    }

    @Test
    void huntingQueryProjectionWithoutATimeColumnIsOneClearFileError() {
        Reading r = Reading.of(LAB.resolve("AuditLogs_Hunting.csv"));

        assertThat(r.events()).isEmpty();
        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().error()).get().asString().contains("no time column").contains("export the table with all columns");
    }

    @Test
    void goldenSamlAuditsAndMailAccessAreRead() {
        Reading audits = Reading.of(SAML.resolve("AADAuditEvents.json"));
        assertThat(audits.file().rejected()).isZero();
        assertThat(audits.audits()).hasSize(4).allSatisfy(a -> assertThat(a.user()).isEqualTo("pgustavo@simulandlabs.com"));
        DirectoryAudit grant = audits.auditOperation("Add delegated permission grant");
        assertThat(grant.targets().get(0).displayName()).isEqualTo("Microsoft Graph");
        assertThat(grant.artifact()).as("the abused app was granted mail access tenant-wide")
                .contains(new Artifact.AppConsent("0d2f5969-011b-460d-ac74-3291d227d49f", "",
                        java.util.List.of("User.Read", "Mail.ReadWrite"), "AllPrincipals", true, "0d2f5969-011b-460d-ac74-3291d227d49f", java.util.List.of()));

        OfficeActivity mail = Reading.of(SAML.resolve("OfficeActivityEvents.json")).officeActivity();
        assertThat(mail.operation()).isEqualTo("MailItemsAccessed");
        assertThat(mail.appId()).isEqualTo("00000003-0000-0000-c000-000000000000");
        assertThat(mail.clientAppId()).isEqualTo("5a95e683-08ad-424e-a441-1d1aec52c02c");
        assertThat(mail.itemCount()).isEqualTo(7);
        assertThat(mail.ip()).isEqualTo("1.2.3.4");
    }

    @Test
    void defenderAdvancedHuntingRowsAreSkippedWithAReasonNotRejected() {
        Reading r = Reading.of(SAML.resolve("Microsoft365DefenderEvents.json"));

        assertThat(r.events()).isEmpty();
        assertThat(r.file().error()).isEmpty();
        assertThat(r.file().rejected()).isZero();
        assertThat(r.file().skipped()).isEqualTo(9);
        assertThat(r.file().skipReasons()).singleElement().asString().contains("Microsoft 365 Defender advanced hunting");
    }

    @Test
    void theWholeSampleFolderReadsWithoutARejectedRow() {
        Reading r = Reading.of(4, LOGS);

        assertThat(r.report().rejected()).isZero();
        assertThat(r.report().events()).isEqualTo(56 + 266 + 2 + 4 + 1);
        assertThat(r.report().files()).filteredOn(f -> f.error().isPresent())
                .extracting(f -> Path.of(f.file()).getFileName().toString())
                .containsExactlyInAnyOrder("SOURCES.md", "AuditLogs_Hunting.csv");
    }
}

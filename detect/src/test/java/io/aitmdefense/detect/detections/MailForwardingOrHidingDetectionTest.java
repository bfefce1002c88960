package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.LogId;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.aitmdefense.events.SampleEvents.office;
import static org.assertj.core.api.Assertions.assertThat;

class MailForwardingOrHidingDetectionTest {
    static List<Alert> run(Event... events) {
        return DetectionHarness.of(new MailForwardingOrHidingDetection(DetectConfig.defaults())).run(List.of(events));
    }

    static Artifact.InboxRule rule(String name, List<String> forwardTo, boolean deletes, String moveTo) {
        return new Artifact.InboxRule("New-InboxRule", name, true, "", forwardTo, List.of(), List.of(), deletes, false, moveTo,
                false, "jane", "");
    }

    static Event newRule(Artifact.InboxRule r) {
        return office("New-InboxRule").at("2025-03-04T09:15:00Z").ip("73.22.10.5").artifact(r).build();
    }

    @Test
    void theOwnersRuleForwardingOutsideTheTenantIsALowAlertWithNoSignInBeforeIt() {
        assertThat(run(newRule(rule("Backup", List.of("jane.private@gmail.com"), false, "")))).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("mail-forwarding-or-hiding");
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.explanation()).contains("mail leaves the tenant to jane.private@gmail.com");
            assertThat(a.artifacts()).singleElement().isInstanceOf(Artifact.InboxRule.class);
        });
    }

    @Test
    void aRuleThatHidesMailIsANotice() {
        assertThat(run(newRule(rule("Newsletters", List.of(), false, "RSS Feeds")), newRule(rule("x", List.of(), true, ""))))
                .hasSize(2).allSatisfy(a -> assertThat(a.severity()).isEqualTo(Severity.NOTICE));
    }

    @Test
    void mailboxForwardingOutsideTheTenantBySetMailboxIsLow() {
        Event setMailbox = office("Set-Mailbox").at("2025-03-04T09:15:00Z").artifact(new Artifact.MailForwarding("Set-Mailbox",
                "EURPR03A061.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/contoso.onmicrosoft.com/jane",
                List.of("smtp:drop@proton.me"), false)).build();
        assertThat(run(setMailbox)).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void forwardingInsideTheTenantAndFilingIntoANamedFolderAreNothing() {
        assertThat(run(newRule(rule("To my assistant", List.of("bob@contoso.example"), false, "")),
                newRule(rule("Invoices", List.of(), false, "Invoices")))).isEmpty();
    }

    @Test
    void exchangeItselfAndAnAdminOnAnotherMailboxAreNotTheOwner() {
        Event system = new OfficeActivity(java.time.Instant.parse("2025-03-04T09:15:00Z"), new io.aitmdefense.events.Source("ual", 1),
                "", LogId.of("r1"), "Exchange", "Set-Mailbox", 1, "NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)", "", "", "", "", "", "",
                "", LogId.NONE, 0, true, 1, "", "", Optional.of(new Artifact.MailForwarding("Set-Mailbox", "jane", List.of("smtp:x@proton.me"), false)));
        Event admin = new OfficeActivity(java.time.Instant.parse("2025-03-04T09:15:00Z"), new io.aitmdefense.events.Source("ual", 2),
                "", LogId.of("r2"), "Exchange", "UpdateInboxRules", 2, "admin@contoso.example", "jane@contoso.example", "", "", "", "", "",
                "", LogId.NONE, 0, true, 1, "", "", Optional.of(rule("fwd", List.of("x@proton.me"), false, "")));
        assertThat(DetectionHarness.of(new MailForwardingOrHidingDetection(DetectConfig.defaults()))
                .withTenant(TenantContext.EMPTY).run(List.of(system, admin))).isEmpty();
    }
}

package io.aitmdefense.events.read;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static io.aitmdefense.events.read.Reading.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * Log Analytics portal "Export to CSV – all columns" (log-schemas §2.2, §7.2): BOM, {@code [UTC]} header suffixes, US
 * timestamps, {@code _dynamic}/{@code _string} twins, pretty-printed JSON in quoted cells, TRUE/FALSE, {@code _} duplicates.
 */
class PortalCsvExportTest {

    @Test
    void signInRowsReadUsTimestampsDynamicColumnsAndMultiLineJsonCells() {
        Reading r = Reading.of(fixture("portal-signinlogs.csv"));

        assertThat(r.file().shape()).isEqualTo("Log Analytics CSV export");
        assertThat(r.file().encoding()).isEqualTo("UTF-8 with BOM");
        assertThat(r.file().rejected()).isZero();
        assertThat(r.signIns()).hasSize(2);

        SignIn s = r.signIns().get(0);
        assertThat(s.source().line()).isEqualTo(2);
        assertThat(s.time()).as("M/d/yyyy, h:mm:ss.SSS a in UTC").isEqualTo(Instant.parse("2021-04-28T14:08:45.221Z"));
        assertThat(s.category()).isEqualTo(SignIn.Category.INTERACTIVE);
        assertThat(s.ip()).isEqualTo("175.45.176.99");
        assertThat(s.resourceId()).isEqualTo("797f4846-ba00-4fd7-ba43-dac1f8f63013");
        assertThat(s.authSteps()).singleElement().satisfies(step -> {
            assertThat(step.method()).isEqualTo("Previously satisfied");
            assertThat(step.resultDetail()).isEqualTo("First factor requirement satisfied by claim in the token");
            assertThat(step.succeeded()).isTrue();
        });
        assertThat(s.satisfiedByToken()).isTrue();
        assertThat(s.device().browser()).isEqualTo("Edge 90.0.818");
        assertThat(s.geo().city()).isEqualTo("Pyongyang");
        assertThat(s.geo().hasCoordinates()).isTrue();
        assertThat(s.tenantId()).isEqualTo("2ad3fc79-1859-42fa-9011-6f8df2251b22");
        assertThat(s.sessionId()).as("2021 exports have no session column").isEmpty();
        assertThat(s.asn()).isZero();
        assertThat(s.token().cae()).isFalse();
        assertThat(s.token().issuerType()).isEqualTo("AzureAD");
        assertThat(s.namedLocations()).isEmpty();
    }

    @Test
    void stringTwinIsUsedWhenTheDynamicColumnIsEmpty() {
        SignIn s = Reading.of(fixture("portal-signinlogs.csv")).signIns().get(1);

        assertThat(s.source().line()).as("the line the row starts on, after multi-line cells").isEqualTo(16);
        assertThat(s.time()).as("12 AM is midnight").isEqualTo(Instant.parse("2024-12-31T00:05:09.5Z"));
        assertThat(s.category()).as("IsInteractive FALSE").isEqualTo(SignIn.Category.NON_INTERACTIVE);
        assertThat(s.errorCode()).isEqualTo(50140);
        assertThat(s.failureReason()).isEqualTo("Keep me signed in interrupt");
        assertThat(s.statusDetail()).isEqualTo("MFA required");
        assertThat(s.device().id()).isEqualTo("d-2");
        assertThat(s.device().trustType()).isEqualTo("Azure AD joined");
        assertThat(s.device().compliant()).isTrue();
        assertThat(s.geo().city()).isEqualTo("Seattle");
        assertThat(s.caPolicies()).singleElement().satisfies(p -> {
            assertThat(p.displayName()).isEqualTo("Require MFA for admins");
            assertThat(p.failed()).isTrue();
        });
        assertThat(s.trustedLocation()).isTrue();
        assertThat(s.namedLocations()).containsExactly("HQ");
        assertThat(s.sessionId()).isEqualTo("cccc0000-0000-4000-8000-000000000002");
        assertThat(s.uniqueTokenId()).hasToString("zZ9yY8xX7wW6vV5uU4tT3s");
        assertThat(s.asn()).isEqualTo(8075);
    }

    @Test
    void officeActivityRowsReadRecordTypeNamesAndNumbersAndUnderscoreDuplicates() {
        Reading r = Reading.of(fixture("portal-officeactivity.csv"));

        assertThat(r.file().rejected()).isZero();
        assertThat(r.office()).extracting(e -> e.source().line()).containsExactly(2L, 21L, 42L);

        OfficeActivity rule = r.operation("New-InboxRule");
        assertThat(rule.time()).as("TimeGenerated is the UAL CreationTime").isEqualTo(Instant.parse("2021-04-28T14:33:14Z"));
        assertThat(rule.recordType()).isEqualTo(1);
        assertThat(rule.ip()).as("ClientIP_ when ClientIP is empty, port stripped").isEqualTo("175.45.176.99");
        assertThat(rule.success()).as("ResultStatus TRUE").isTrue();
        assertThat(rule.id()).hasToString("5fe96415-d129-4e4b-64b7-08d90a528ec7");
        assertThat(rule.tenantId()).isEqualTo("2ad3fc79-1859-42fa-9011-6f8df2251b22");
        assertThat(rule.artifact()).get().asInstanceOf(type(Artifact.InboxRule.class)).satisfies(a -> {
            assertThat(a.name()).isEqualTo("junk");
            assertThat(a.conditions()).contains("legal");
            assertThat(a.moveToFolder()).isEqualTo("Junk Email");
            assertThat(a.stopsProcessing()).isTrue();
        });

        OfficeActivity read = r.operation("MailItemsAccessed");
        assertThat(read.recordType()).isEqualTo(50);
        assertThat(read.logonType()).as("Logon_Type Owner").isZero();
        assertThat(read.itemCount()).isEqualTo(3);
        assertThat(read.userAgent()).startsWith("Mozilla/5.0 (Windows NT 10.0").endsWith("Edg/90.0.818.49");

        OfficeActivity deleted = r.operation("MoveToDeletedItems");
        assertThat(deleted.recordType()).isEqualTo(3);
        assertThat(deleted.subject()).isEqualTo("JohnS shared \"Document\" with you.");
    }

    @Test
    void quotedNewlinesAndCommasInsideCellsDoNotSplitRows(@TempDir Path dir) {
        String csv = "TimeGenerated [UTC],Type,Operation,UserId,OfficeWorkload,RecordType,Parameters\n"
                + "\"4/28/2021, 2:33:14.000 PM\",OfficeActivity,New-InboxRule,a@contoso.example,Exchange,ExchangeAdmin,\"[\n"
                + "  {\n    \"\"Name\"\": \"\"Name\"\",\n    \"\"Value\"\": \"\"a, b\n c\"\"\n  }\n]\"\n"
                + "\"4/28/2021, 2:34:00.000 PM\",OfficeActivity,Send,a@contoso.example,Exchange,ExchangeItem,\n";
        Reading r = Reading.text(dir, "rules.csv", csv);

        assertThat(r.file().rejected()).isZero();
        assertThat(r.office()).hasSize(2);
        assertThat(r.operation("New-InboxRule").artifact()).get().asInstanceOf(type(Artifact.InboxRule.class))
                .satisfies(a -> assertThat(a.name()).isEqualTo("a, b\n c"));
        assertThat(r.operation("Send").source().line()).isEqualTo(9);
    }
}

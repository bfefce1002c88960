package io.aitmdefense.events.read;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.LogId;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.aitmdefense.events.read.Reading.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Microsoft Graph pages {@code {"value":[…],"@odata.nextLink":…}} and bare arrays of Graph objects (log-schemas §4–§6). */
class GraphPageTest {

    @Test
    void v1SignInPageMapsEveryRecordWithoutTheBetaOnlyFields() {
        Reading r = Reading.of(fixture("graph-signins-v1.json"));

        assertThat(r.file().shape()).isEqualTo("Graph page JSON");
        assertThat(r.file().rejected()).isZero();
        assertThat(r.signIns()).hasSize(2);
        SignIn s = r.signIns().get(0);
        assertThat(s.category()).isEqualTo(SignIn.Category.INTERACTIVE);
        assertThat(s.time()).isEqualTo(Instant.parse("2025-03-04T09:12:44Z"));
        assertThat(s.id()).hasToString("66bd2a5b-7e5e-4e2b-9d8c-2b8f6c1d3e01");
        assertThat(s.user()).isEqualTo("jane@contoso.example");
        assertThat(s.sessionId()).isEmpty();
        assertThat(s.uniqueTokenId()).isSameAs(LogId.NONE);
        assertThat(s.asn()).isZero();
        assertThat(s.geo().city()).isEqualTo("Utrecht");
        assertThat(s.device().browser()).isEqualTo("Edge 133.0.0");
        assertThat(s.resourceId()).isEqualTo("00000002-0000-0ff1-ce00-000000000000");
        assertThat(s.mfaPerformed()).isTrue();
        assertThat(s.errorCode()).isZero();
        assertThat(s.caPolicies()).extracting(p -> p.result()).containsExactly("success");
        assertThat(s.source().line()).as("line of the record's opening brace").isEqualTo(5);

        SignIn failed = r.signIns().get(1);
        assertThat(failed.errorCode()).isEqualTo(50126);
        assertThat(failed.failureReason()).isEqualTo("Invalid username or password.");
        assertThat(failed.clientApp()).isEqualTo("Exchange ActiveSync");
    }

    @Test
    void betaSignInCarriesTokenSessionAsnAndNonInteractiveEventType() {
        SignIn s = Reading.of(fixture("graph-signins-beta.json")).signIn();

        assertThat(s.category()).isEqualTo(SignIn.Category.NON_INTERACTIVE);
        assertThat(s.time()).isEqualTo(Instant.parse("2025-03-04T09:15:02.1234567Z"));
        assertThat(s.sessionId()).isEqualTo("0b7c1e2d-3f40-4152-8364-758697a8b9c0");
        assertThat(s.uniqueTokenId()).hasToString("bF9xYzQ2LkRSbUdUdHZ6AA");
        assertThat(s.asn()).isEqualTo(213035);
        assertThat(s.userType()).isEqualTo("member");
        assertThat(s.satisfiedByToken()).isTrue();
        assertThat(s.authSteps()).singleElement().satisfies(step -> {
            assertThat(step.method()).isEqualTo("Previously satisfied");
            assertThat(step.methodDetail()).as("null is absent").isEmpty();
        });
        assertThat(s.token().incomingTokenType()).isEqualTo("refreshToken");
        assertThat(s.token().cae()).isTrue();
        assertThat(s.token().protectionCode()).isEqualTo(1002);
        assertThat(s.risk().levelAggregated()).isEqualTo("high");
        assertThat(s.risk().eventTypes()).containsExactly("anomalousToken");
        assertThat(s.caPolicies()).singleElement().satisfies(p -> assertThat(p.reportOnly()).isTrue());
        assertThat(s.namedLocations()).isEmpty();
        assertThat(s.geo().country()).isEqualTo("DE");
    }

    @Test
    void directoryAuditPageLinksTheChangeToTheActorsSessionAndToken() {
        DirectoryAudit a = Reading.of(fixture("graph-directoryaudits.json")).audit();

        assertThat(a.operation()).isEqualTo("Consent to application");
        assertThat(a.time()).isEqualTo(Instant.parse("2025-03-04T09:20:00.5Z"));
        assertThat(a.actor().ip()).isEqualTo("45.95.0.12");
        assertThat(a.sessionId()).isEqualTo("0b7c1e2d-3f40-4152-8364-758697a8b9c0");
        assertThat(a.uniqueTokenId()).hasToString("bF9xYzQ2LkRSbUdUdHZ6AA");
        assertThat(a.artifact()).get().asInstanceOf(type(Artifact.AppConsent.class)).satisfies(c -> {
            assertThat(c.consentType()).isEqualTo("AllPrincipals");
            assertThat(c.adminConsent()).isTrue();
            assertThat(c.scopes()).containsExactly("Mail.ReadWrite", "offline_access");
            assertThat(c.appName()).isEqualTo("PDF Viewer Pro");
            assertThat(c.appId()).isEqualTo("app-guid-1");
        });
    }

    @Test
    void riskDetectionPageMapsTheAttackerInTheMiddleDetection() {
        RiskDetection d = Reading.of(fixture("graph-riskdetections.json")).risk();

        assertThat(d.riskEventType()).isEqualTo("attackerinTheMiddle");
        assertThat(d.time()).isEqualTo(Instant.parse("2025-03-04T09:15:02.1234567Z"));
        assertThat(d.timing()).isEqualTo("offline");
        assertThat(d.requestId()).isEqualTo("88bd2a5b-7e5e-4e2b-9d8c-2b8f6c1d3e01");
        assertThat(d.geo().city()).isEqualTo("Frankfurt am Main");
        assertThat(d.userAgent()).isEqualTo("python-requests/2.32.5");
        assertThat(d.user()).isEqualTo("jane@contoso.example");
    }

    @Test
    void bareArrayOfGraphObjectsIsRecognisedPerRecord() {
        Reading r = Reading.of(fixture("graph-bare-array.json"));

        assertThat(r.file().rejected()).isZero();
        assertThat(r.signIns()).hasSize(1);
        assertThat(r.audits()).hasSize(1);
        assertThat(r.risks()).hasSize(1);
        assertThat(r.file().tables()).containsKeys("SigninLogs", "AuditLogs", "AADUserRiskEvents");
    }
}

package io.aitmdefense.respond;

import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.IncidentFindings;
import org.junit.jupiter.api.Test;

import static io.aitmdefense.respond.Contoso.*;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentFindingsTest {
    @Test
    void theAttackersRuleConsentAndMethodComeFromTheAlertsArtifactsWithTheirRecordIds() {
        Findings f = IncidentFindings.from(lukasIncident());
        assertThat(f.user()).isEqualTo(LUKAS);
        assertThat(f.rules()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(" ");
            assertThat(r.ruleId()).isEqualTo("1711483025");
            assertThat(r.recipients()).containsExactly(ATTACKER_MAIL);
            assertThat(r.evidence()).containsExactly("0620b8e3-c867-43be-bfaf-4cbafd91c5eb");
        });
        assertThat(f.consents()).singleElement().satisfies(c -> {
            assertThat(c.appId()).isEqualTo(PDF_VIEWER_APP);
            assertThat(c.evidence()).containsExactly("Directory_b5ae2a12_6VV8H_867512230");
        });
        // the vaguer "Update user" StrongAuthenticationMethod change is the same registration: one method, not two
        assertThat(f.methods()).singleElement().satisfies(m -> {
            assertThat(m.method()).isEqualTo("Authenticator App with Notification and Code");
            assertThat(m.registered()).isEqualTo(java.time.Instant.parse("2026-01-08T18:57:48Z"));
        });
        assertThat(f.evidence()).containsExactly("ffaa9ace-b693-4ccc-98d2-6582301dc777");
        assertThat(f.ips()).containsExactly("146.70.9.211", "146.70.186.172");
        assertThat(f.campaignUsers()).containsExactly("lara.fischer@contoso.example", "sofia.gu@contoso.example",
                "christie.weber@contoso.example");
        assertThat(f.detections()).containsExactly("session-cookie-replay", "signin-then-persistence");
    }
}

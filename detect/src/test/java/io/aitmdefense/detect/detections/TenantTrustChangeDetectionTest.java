package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Artifact.PolicyChange.Kind;
import io.aitmdefense.events.Event;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aitmdefense.events.SampleEvents.audit;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class TenantTrustChangeDetectionTest {
    static final String ADMIN = "admin@contoso.example";

    static List<Alert> run(List<Event> events) {
        return DetectionHarness.of(new TenantTrustChangeDetection(DetectConfig.defaults())).run(events);
    }

    static Event change(String operation, Kind kind, String target, String at) {
        return audit(operation).at(at).actor(ADMIN, "81.2.69.160").service("Core Directory", "DirectoryManagement")
                .artifact(new Artifact.PolicyChange(kind, operation, target, target, "", "")).build();
    }

    @Test
    void aDomainMadeFederatedByANormalSessionIsMediumForTheIdentityTeamToConfirm() {
        assertThat(run(List.of(change("Set domain authentication", Kind.DOMAIN_FEDERATION, "contoso.example", "2025-03-04T10:00:00Z"))))
                .singleElement().satisfies(a -> {
                    assertThat(a.detectionId()).isEqualTo("tenant-trust-change");
                    assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
                    assertThat(a.explanation()).contains("Set domain authentication (domain contoso.example)").contains("confirm it was planned");
                    assertThat(a.artifacts()).singleElement().isInstanceOf(Artifact.PolicyChange.class);
                });
    }

    @Test
    void aCrossTenantAccessChangeByANormalSessionIsLow() {
        assertThat(run(List.of(change("Update a partner cross-tenant access setting", Kind.CROSS_TENANT_ACCESS, "partner-tenant",
                "2025-03-04T10:00:00Z")))).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.LOW));
    }

    @Test
    void aTrustChangeAfterASuspiciousSignInOfTheAdministratorIsCritical() {
        Event vps = signIn().user(ADMIN).at("2025-03-04T09:00:00Z").ip("203.0.113.10").asn(14061)
                .unmanagedDevice("Windows 10", "Chrome 132.0.0").build();
        assertThat(run(List.of(vps, change("Set federation settings on domain", Kind.DOMAIN_FEDERATION, "contoso.example",
                "2025-03-04T09:40:00Z")))).singleElement().satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(a.explanation()).contains("40 min after a suspicious sign-in");
                    assertThat(a.infrastructure().ips()).containsExactly("203.0.113.10");
                });
    }

    @Test
    void conditionalAccessChangesAreLeftToCaTampering() {
        assertThat(run(List.of(change("Delete policy", Kind.CONDITIONAL_ACCESS, "p1", "2025-03-04T10:00:00Z")))).isEmpty();
    }
}

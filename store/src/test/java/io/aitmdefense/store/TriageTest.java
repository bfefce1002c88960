package io.aitmdefense.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TriageTest {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    static java.util.List<String> backends() {
        return Backends.names();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aFalsePositiveSuppressesItsDetectionsForItsUserUntilTheIncidentIsReopened(String backend) throws Exception {
        try (Database db = Database.open(Backends.freshUrl(backend))) {
            db.incidents().save(new IncidentRow("inc-1", "t1", "u1", "alice@contoso.com", "high", "open", T0, T0, T0, 0,
                    "{}"), Set.of("CREATED"));
            Triage triage = db.triage();
            assertThat(triage.state("inc-1")).hasValue(new Triage.State("open", "", "", "", Optional.empty()));
            assertThat(triage.assign("inc-1", "rita", "admin", T0.plusSeconds(10))).isTrue();
            assertThat(triage.acknowledge("inc-1", "rita", T0.plusSeconds(20))).isTrue();
            assertThat(triage.falsePositive("inc-1", "the VPN's new egress range", Set.of("session-replay", "impossible-travel"),
                    "rita", T0.plusSeconds(30))).isTrue();

            assertThat(triage.state("inc-1")).hasValue(new Triage.State("false-positive", "rita",
                    "the VPN's new egress range", "rita", Optional.of(T0.plusSeconds(30))));
            assertThat(db.suppressions().matching("t1", "u1", "session-replay")).map(Suppressions.Suppression::reason)
                    .hasValue("the VPN's new egress range");
            assertThat(db.suppressions().matching("t1", "u2", "session-replay")).as("another user").isEmpty();
            assertThat(db.suppressions().matching("t1", "u1", "bec-send")).as("another detection").isEmpty();
            assertThat(db.incidents().history("inc-1")).extracting(IncidentStore.IncidentChange::changes)
                    .containsExactly("CREATED", "ASSIGNED:rita", "STATUS:acknowledged", "STATUS:false-positive");

            assertThat(triage.reopen("inc-1", "admin", T0.plusSeconds(40))).isTrue();
            assertThat(db.suppressions().matching("t1", "u1", "session-replay")).isEmpty();
            assertThat(db.suppressions().ofIncident("inc-1")).hasSize(2).allSatisfy(s -> {
                assertThat(s.active()).isFalse();
                assertThat(s.liftedBy()).hasValue("admin");
                assertThat(s.createdBy()).isEqualTo("rita");
            });
            assertThat(triage.state("inc-1").orElseThrow().status()).isEqualTo("open");
            assertThat(triage.state("inc-1").orElseThrow().assignee()).isEqualTo("rita");
            assertThat(db.incidents().get("inc-1").orElseThrow().status()).isEqualTo("open");

            assertThat(triage.acknowledge("no-such", "rita", T0)).isFalse();
            assertThat(triage.state("no-such")).isEmpty();
        }
    }
}

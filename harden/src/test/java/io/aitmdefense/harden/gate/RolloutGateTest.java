package io.aitmdefense.harden.gate;

import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.events.TokenContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutGateTest {

    static final String TP = "AiTM-TokenProtection-ExchangeSharePointTeams-WindowsApps";
    static final String REGISTER = "AiTM-RegisterSecurityInfo-CompliantDevice";
    static final Instant START = Instant.parse("2026-11-02T08:00:00Z");
    static final Device WINDOWS = new Device("d-1", "PC-1", "Windows 10", "", "Azure AD joined", true, true);
    static final Device MAC = new Device("", "", "MacOs", "Safari 17", "", false, false);

    private final RolloutGate gate = new RolloutGate(List.of(
            new GatedPolicy(TP, Optional.empty(), "token-protection", false),
            new GatedPolicy(REGISTER, Optional.empty(), "", true)), Ring.PILOT, GateThresholds.DEFAULT);

    private void signIns(int users, int days, String result, Device device, boolean interactive) {
        for (int d = 0; d < days; d++) {
            for (int u = 0; u < users; u++) {
                var b = SampleEvents.signIn().at(START.plus(d, ChronoUnit.DAYS).plusSeconds(u * 60L)).user("user" + u + "@contoso.example")
                        .device(device).app("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office")
                        .clientApp("Mobile Apps and Desktop clients")
                        .tokenContext(new TokenContext("", "AzureAD", "", "", result.endsWith("Failure") ? "unbound" : "bound",
                                result.endsWith("Failure") ? 1008 : 0, false))
                        .ca(new CaResult("", TP, result, List.of(), List.of("SignInTokenProtection")));
                if (!interactive) b.nonInteractive();
                gate.accept(b.build());
            }
        }
    }

    @Test
    void zeroFailuresOverSevenDaysAndTenUsersAdvances() {
        signIns(12, 8, "reportOnlySuccess", WINDOWS, true);
        signIns(12, 8, "reportOnlySuccess", WINDOWS, false);
        PolicyResult r = gate.report().policy(TP).orElseThrow();
        assertThat(r.verdict()).isEqualTo(GateVerdict.ADVANCE);
        assertThat(r.interactive().success()).isEqualTo(96);
        assertThat(r.nonInteractive().success()).isEqualTo(96);
        assertThat(r.users()).isEqualTo(12);
        assertThat(r.days()).isEqualTo(8);
        assertThat(r.reason()).contains("next: report-only for all users");
        assertThat(r.trend()).hasSize(8).allMatch(d -> d.success() == 24 && d.failure() == 0);
    }

    @Test
    void failuresHoldTheRingAndNameTheClientsTheyComeFrom() {
        signIns(12, 8, "reportOnlySuccess", WINDOWS, true);
        signIns(3, 2, "reportOnlyFailure", MAC, false);
        PolicyResult r = gate.report().policy(TP).orElseThrow();
        assertThat(r.verdict()).isEqualTo(GateVerdict.HOLD);
        assertThat(r.failures()).isEqualTo(6);
        assertThat(r.nonInteractive().failure()).isEqualTo(6);
        assertThat(r.interactive().failure()).isZero();
        assertThat(r.reason()).contains("6 sign-ins would be blocked (6 non-interactive)").contains("MacOs / Safari 17 6");
        assertThat(r.blocking("OS / browser")).singleElement().satisfies(g -> {
            assertThat(g.value()).isEqualTo("MacOs / Safari 17");
            assertThat(g.users()).isEqualTo(3);
        });
        assertThat(r.blocking("device state")).extracting(PolicyResult.BlockingGroup::value).containsExactly("unregistered");
        assertThat(r.blocking("token protection")).extracting(PolicyResult.BlockingGroup::value)
                .containsExactly("1008 client not using the platform broker");
        assertThat(r.blocking("user")).hasSize(3);
    }

    @Test
    void tooFewDaysOrUsersIsNotMeasurableAndAUserActionPolicyNeverIs() {
        signIns(12, 3, "reportOnlySuccess", WINDOWS, true);
        GateReport report = gate.report();
        assertThat(report.policy(TP).orElseThrow().verdict()).isEqualTo(GateVerdict.NOT_MEASURABLE);
        assertThat(report.policy(TP).orElseThrow().reason()).contains("only 3 day(s)");
        assertThat(report.policy(REGISTER).orElseThrow().verdict()).isEqualTo(GateVerdict.NOT_MEASURABLE);
        assertThat(report.policy(REGISTER).orElseThrow().reason()).startsWith("user-action policy");
        assertThat(report.allAdvance()).isFalse();
    }

    @Test
    void signInsOfTheRingsUsersThePolicyDidNotApplyToAreCountedAsNotApplied() {
        signIns(12, 8, "reportOnlySuccess", WINDOWS, true);
        // a browser sign-in of the same users: out of the policy's scope, so no entry for it in the row
        for (int u = 0; u < 12; u++) {
            gate.accept(SampleEvents.signIn().at(START.plusSeconds(u)).user("user" + u + "@contoso.example").build());
        }
        // a user outside the pilot group never appears with the policy and is not part of its population
        gate.accept(SampleEvents.signIn().at(START).user("outsider@contoso.example").build());
        PolicyResult r = gate.report().policy(TP).orElseThrow();
        assertThat(r.interactive().notApplied()).isEqualTo(12);
        assertThat(r.users()).isEqualTo(12);
    }

    @Test
    void theHtmlPageEscapesWhatTheLogsSay() {
        signIns(1, 1, "reportOnlySuccess", WINDOWS, true);
        gate.accept(SampleEvents.signIn().at(START).user("<script>alert(1)</script>@x").device(MAC)
                .ca(new CaResult("", TP, "reportOnlyFailure", List.of(), List.of())).build());
        String html = GateHtml.write(gate.report());
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;@x")
                .contains("<svg").doesNotContain("src=", "href=", "<link");
        assertThat(GateJson.write(gate.report())).contains("\"schema\": \"aitm.harden-gate/1\"").contains("\"verdict\": \"hold\"");
    }
}

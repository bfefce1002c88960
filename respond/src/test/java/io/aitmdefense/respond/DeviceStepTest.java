package io.aitmdefense.respond;

import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.audit.AuditTrail;
import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.IncidentFindings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.PlanOptions;
import io.aitmdefense.respond.plan.Planner;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.plan.StepKind;
import io.aitmdefense.respond.plan.Target;
import io.aitmdefense.respond.plan.UserFacts;
import io.aitmdefense.respond.plan.UserFactsReader;
import io.aitmdefense.respond.run.Approval;
import io.aitmdefense.respond.run.Outcome;
import io.aitmdefense.respond.run.RunReport;
import io.aitmdefense.respond.run.Runner;
import io.aitmdefense.respond.run.StepResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device the attacker registered from Christie Weber's session in the bundled example (DESKTOP-VLTUBCN, "Register
 * device" at 21:39 inside her incident) is disabled through Graph and verified by a read; her own laptop is not
 * touched, a repeat writes nothing, and a device registered outside the attack window is never planned.
 */
class DeviceStepTest {
    static final String CHRISTIE = "christie.weber@contoso.example";
    static final String CHRISTIE_ID = "5b1f0d7e-3c2a-4e8b-9a6d-2f4c8e1b7a90";
    static final String ATTACKER_DEVICE = "7fc85a36-b263-4947-9c5f-f5c3e2427016";
    static final String OWN_LAPTOP = "0c6e4f7a-91d2-4b8e-a3f5-6d7e8c9b0a12";

    @TempDir
    Path dir;
    LocalTenant tenant;
    TenantApi api;

    @BeforeEach
    void start() throws Exception {
        tenant = new LocalTenant(Clock.systemUTC());
        tenant.addUser(CHRISTIE, CHRISTIE_ID, false, Instant.parse("2025-10-01T09:00:00Z"));
        tenant.addDevice(OWN_LAPTOP, "d1a2b3c4-0000-4000-8000-00000000a001", "CONTOSO-CW-LT01", "Windows",
                "2025-03-14T08:12:00Z", CHRISTIE_ID);
        tenant.addDevice(ATTACKER_DEVICE, "e9f8a7b6-1111-4111-8111-00000000b002", "DESKTOP-VLTUBCN", "Windows",
                "2026-01-08T21:39:17Z", CHRISTIE_ID);
        api = Contoso.api(tenant, false);
    }

    @AfterEach
    void stop() {
        tenant.close();
    }

    private static Findings christie() throws Exception {
        return IncidentFindings.from(ExampleIncidents.get().incidents().stream().filter(i -> i.user().equals(CHRISTIE))
                .findFirst().orElseThrow());
    }

    private RunReport run(Findings f, Approval approval) throws Exception {
        UserFacts facts = UserFactsReader.read(api, f.user());
        Plan plan = new Planner().plan(f, Optional.of(facts), PlanOptions.DEFAULT, Instant.now());
        try (AuditTrail audit = AuditTrail.open(dir.resolve("audit.jsonl"))) {
            return new Runner(api, audit, Clock.systemUTC(), "analyst:test").run(plan, facts, approval, Optional.empty());
        }
    }

    private static StepResult device(RunReport r) {
        return r.results().stream().filter(x -> x.step().kind() == StepKind.DISABLE_DEVICE).findFirst().orElseThrow();
    }

    private boolean enabled(String objectId) {
        for (var d : tenant.devices) if (d.path("id").asText().equals(objectId)) return d.path("accountEnabled").asBoolean();
        throw new AssertionError("no device " + objectId);
    }

    @Test
    void theExamplesAttackerDeviceIsPlannedAfterTheAppAndBeforeThePasswordWithApprovalOnly() throws Exception {
        Plan plan = new Planner().plan(christie(), Optional.empty(), PlanOptions.DEFAULT, Instant.now());
        Step step = plan.step("device").orElseThrow();
        assertThat(step.target()).isInstanceOfSatisfying(Target.Device.class, d -> {
            assertThat(d.deviceId()).isEqualTo(ATTACKER_DEVICE);
            assertThat(d.displayName()).isEqualTo("DESKTOP-VLTUBCN");
        });
        assertThat(step.gate()).isEqualTo(Step.Gate.APPROVAL);
        assertThat(step.request()).startsWith("PATCH /v1.0/devices/").contains(ATTACKER_DEVICE).endsWith("{\"accountEnabled\":false}");
        assertThat(step.evidence()).isNotEmpty();
        List<String> order = plan.steps().stream().map(Step::id).toList();
        assertThat(order.indexOf("device")).isGreaterThan(order.indexOf("app")).isLessThan(order.indexOf("password"));
        assertThat(plan.warnings()).noneSatisfy(w -> assertThat(w).contains("DESKTOP-VLTUBCN"));
    }

    @Test
    void aDeviceRegisteredOutsideTheAttackWindowIsOnlyAWarning() throws Exception {
        Findings f = christie();
        Target.Device d = f.devices().get(0);
        Target.Device before = new Target.Device(d.deviceId(), d.displayName(), d.operatingSystem(),
                f.firstActivity().minusSeconds(3600), d.evidence());
        Findings earlier = new Findings(f.incidentId(), f.tenant(), f.user(), f.confidence(), f.firstActivity(), f.lastActivity(),
                f.detections(), f.evidence(), f.rules(), f.forwarding(), f.consents(), f.methods(), List.of(before), f.ips(),
                f.campaignUsers());
        Plan plan = new Planner().plan(earlier, Optional.empty(), PlanOptions.DEFAULT, Instant.now());
        assertThat(plan.step("device")).isEmpty();
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("DESKTOP-VLTUBCN", "outside the attacker's activity", "not planned"));
    }

    @Test
    void approvedTheAttackersDeviceIsDisabledAndVerifiedHerLaptopStaysAndARepeatWritesNothing() throws Exception {
        RunReport dry = run(christie(), Approval.none());
        assertThat(device(dry).outcome()).isEqualTo(Outcome.PENDING);
        assertThat(device(dry).change()).contains("DESKTOP-VLTUBCN", "accountEnabled true → accountEnabled false");
        assertThat(tenant.writes()).isEmpty();

        RunReport r = run(christie(), Approval.named(Set.of("device")));
        assertThat(device(r).outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(device(r).message()).contains("accountEnabled false");
        assertThat(tenant.writes()).singleElement().satisfies(w -> {
            assertThat(w.method()).isEqualTo("PATCH");
            assertThat(w.path()).isEqualTo("/v1.0/devices/" + ATTACKER_DEVICE);
            assertThat(w.body()).isEqualTo("{\"accountEnabled\":false}");
        });
        assertThat(enabled(ATTACKER_DEVICE)).isFalse();
        assertThat(enabled(OWN_LAPTOP)).isTrue();

        RunReport again = run(christie(), Approval.named(Set.of("device")));
        assertThat(device(again).outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(tenant.writes()).hasSize(1);
    }

    @Test
    void anAuditIdThatIsTheDevicesOwnDeviceIdIsFoundByFilterAndTheObjectIsPatched() throws Exception {
        Findings f = christie();
        Target.Device d = f.devices().get(0);
        Target.Device byDeviceId = new Target.Device("e9f8a7b6-1111-4111-8111-00000000b002", d.displayName(), d.operatingSystem(),
                d.registered(), d.evidence());
        Findings g = new Findings(f.incidentId(), f.tenant(), f.user(), f.confidence(), f.firstActivity(), f.lastActivity(),
                f.detections(), f.evidence(), f.rules(), f.forwarding(), f.consents(), f.methods(), List.of(byDeviceId), f.ips(),
                f.campaignUsers());
        RunReport r = run(g, Approval.named(Set.of("device")));
        assertThat(device(r).outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(tenant.requests()).anySatisfy(q -> assertThat(q.path()).startsWith("/v1.0/devices?$filter=deviceId%20eq%20"));
        assertThat(tenant.writes()).singleElement().satisfies(w -> assertThat(w.path()).isEqualTo("/v1.0/devices/" + ATTACKER_DEVICE));
        assertThat(enabled(OWN_LAPTOP)).isTrue();
    }

    @Test
    void aDeviceAlreadyDeletedIsNotFoundAndNothingIsWritten() throws Exception {
        tenant.devices.remove(1);
        RunReport r = run(christie(), Approval.named(Set.of("device")));
        assertThat(device(r).outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(tenant.writes()).isEmpty();
    }
}

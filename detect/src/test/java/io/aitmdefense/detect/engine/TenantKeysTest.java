package io.aitmdefense.detect.engine;

import io.aitmdefense.detect.api.Context;
import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.HostingIpSignInDetection;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.detect.enrich.Tenants;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.DetectionInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One user is one key however a record names them; one tenant's context never answers for another's records. */
class TenantKeysTest {
    static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String B = "bbbbbbbb-0000-0000-0000-000000000002";
    static final Instant T0 = Instant.parse("2025-03-04T09:00:00Z");

    /** Records, for each event, the key, tenant, user and the tenant's verdict on the address the detection saw. */
    static final class Probe implements Detection {
        final List<String> seen = new ArrayList<>();

        @Override
        public DetectionInfo info() {
            return Probes.describe("probe");
        }

        @Override
        public void onEvent(Event event, Context ctx) {
            boolean trusted = ctx.enrichment().network("203.0.113.10", 14061).trusted();
            seen.add(ctx.tenant() + " " + ctx.key() + " " + ctx.user() + (trusted ? " trusted" : " untrusted"));
        }
    }

    @Test
    void theSameAddressIsTrustedInTheTenantThatListsItAndHostingSuspiciousInTheOther() {
        TenantContext trustsTheRange = new TenantContext(List.of("203.0.113.0/24"), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
        CuratedEnrichment enrichment = new CuratedEnrichment(new Tenants(TenantContext.EMPTY, Map.of(A.toUpperCase(), trustsTheRange)),
                AsnDatabase.EMPTY);
        Probe probe = new Probe();
        List<Alert> alerts = new ArrayList<>();
        KeyedRuntime rt = new KeyedRuntime(List.of(probe, new HostingIpSignInDetection(DetectConfig.defaults())), enrichment, alerts::add);

        for (String tenant : List.of(A, B)) {
            rt.process(SampleEvents.signIn().tenant(tenant).user("Jane@contoso.example").at(T0).ip("203.0.113.10").asn(14061).build());
        }
        rt.finish();

        assertThat(probe.seen).containsExactly(
                A + " " + A + "/jane@contoso.example jane@contoso.example trusted",
                B + " " + B + "/jane@contoso.example jane@contoso.example untrusted");
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.detectionId()).isEqualTo(HostingIpSignInDetection.ID));
    }

    @Test
    void aUserIsOneKeyWhetherARecordNamesTheUpnTheObjectIdOrBoth() {
        UserDirectory users = new UserDirectory();
        Event signIn = SampleEvents.signIn().tenant(A).user("Jane@Contoso.example").userId("OBJ-1").at(T0).build();
        Event ual = SampleEvents.office("New-InboxRule").user("jane@contoso.example").at(T0).build();
        Event graphActivity = SampleEvents.signIn().tenant(A).user("").userId("obj-1").at(T0).build();
        Event otherTenant = SampleEvents.signIn().tenant(B).user("jane@contoso.example").userId("obj-9").at(T0).build();

        // an object-id-only record seen before any record tying it to a UPN keys on the id
        assertThat(users.keyOf(graphActivity)).isEqualTo(A + "/obj-1");
        users.learn(signIn);
        users.learn(ual);
        users.learn(otherTenant);

        String key = users.keyOf(signIn);
        assertThat(key).isEqualTo(A + "/jane@contoso.example");
        assertThat(users.keyOf(graphActivity)).isEqualTo(key);
        assertThat(users.keyOf(otherTenant)).isEqualTo(B + "/jane@contoso.example").isNotEqualTo(key);
        assertThat(users.displayName(A, A + "/obj-1")).isEqualTo("jane@contoso.example");
        assertThat(users.objectIdOf(A, "JANE@contoso.example")).contains("obj-1");
    }

    @Test
    void aRenamedUserResolvesToTheObjectIdOfTheNewestRecordWhateverTheOrderRecordsAreLearnedIn() {
        // obj-1 until 10:00, obj-2 at 11:00, obj-1 again at 12:00 (the name given back): the 12:00 record decides
        List<Event> records = List.of(
                SampleEvents.signIn().tenant(A).user("jane@contoso.example").userId("obj-1").at(T0).build(),
                SampleEvents.signIn().tenant(A).user("jane@contoso.example").userId("obj-2").at(T0.plusSeconds(3600)).build(),
                SampleEvents.signIn().tenant(A).user("jane@contoso.example").userId("obj-1").at(T0.plusSeconds(7200)).build());
        for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(2, 1, 0), List.of(1, 0, 2), List.of(0, 2, 1), List.of(2, 0, 1))) {
            UserDirectory users = new UserDirectory();
            order.forEach(i -> users.learn(records.get(i)));
            assertThat(users.objectIdOf(A, "jane@contoso.example")).as("order %s", order).contains("obj-1");
        }
    }

    @Test
    void aBatchRunLearnsEveryPairBeforeKeyingSoTheOrderOfRecordsDoesNotSplitAUser() {
        Event graphActivity = SampleEvents.signIn().tenant(A).user("").userId("obj-1").at(T0).build();
        Event signIn = SampleEvents.signIn().tenant(A).user("jane@contoso.example").userId("obj-1").at(T0.plusSeconds(60)).build();
        Probe probe = new Probe();
        UserDirectory learned = new UserDirectory();
        List.of(graphActivity, signIn).forEach(learned::learn);
        learned.complete(); // as DetectionRun: the replay only reads what the readers learned

        try (LocalEngine engine = LocalEngine.start(List.of(probe), EngineScenarios.enrichment(), EngineSettings.of(java.time.Duration.ZERO, 1), a -> { },
                learned)) {
            engine.accept(graphActivity);
            engine.accept(signIn);
            engine.finish();
        }

        assertThat(probe.seen).hasSize(2).allMatch(s -> s.startsWith(A + " " + A + "/jane@contoso.example jane@contoso.example"));
    }

    @Test
    void aRecordThatNamesNoTenantJoinsTheOneTenantItsUserIsKnownIn() {
        // Log Analytics' AADUserRiskEvents carries only the workspace id: its rows must still meet the user's sign-ins
        UserDirectory users = new UserDirectory();
        Event signIn = SampleEvents.signIn().tenant(A).user("jane@contoso.example").userId("obj-1").at(T0).build();
        Event risk = SampleEvents.risk("anomalousToken").tenant("").user("Jane@contoso.example").at(T0).build();
        Event elsewhere = SampleEvents.signIn().tenant(B).user("max@fabrikam.example").userId("obj-7").at(T0).build();
        Event sameNameTwice = SampleEvents.signIn().tenant(B).user("jane@contoso.example").userId("obj-9").at(T0).build();
        users.learn(signIn);
        users.learn(elsewhere);
        assertThat(risk.tenantId()).isEmpty();
        assertThat(users.keyOf(risk)).isEqualTo(users.keyOf(signIn)).isEqualTo(A + "/jane@contoso.example");

        // known in two tenants, the record cannot be placed by its user: it keeps a key of its own
        users.learn(sameNameTwice);
        assertThat(users.keyOf(risk)).isEqualTo("jane@contoso.example");
    }
}

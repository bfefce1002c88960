package io.aitmdefense.flink;

import io.aitmdefense.detect.incident.IncidentTracker;
import io.aitmdefense.detect.enrich.Enrichments;
import io.aitmdefense.flink.detect.TenantFile;
import io.aitmdefense.flink.io.Message;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.incident.Incident;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job on a MiniCluster gives the local engine's alerts: the example as two tenants, shuffled within the allowed
 * lateness, at parallelism 1 and 2; the same alert ids, and the same incidents when the incident tracker merges them.
 */
class FlinkEqualityTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static List<Message> stream;
    static TenantFile tenants;
    static List<Alert> local;

    @BeforeAll
    static void reference() throws Exception {
        tenants = ExampleStream.tenantFile();
        stream = ExampleStream.shuffled(ExampleStream.records(), 7, 90);
        local = ExampleStream.localAlerts(stream, tenants);
    }

    @Test
    void theReferenceHasAlertsOfBothTenantsAndTheTenantsDiffer() {
        Map<String, Long> byTenant = new TreeMap<>();
        local.forEach(a -> byTenant.merge(a.tenant(), 1L, Long::sum));
        assertThat(byTenant).containsOnlyKeys(ExampleStream.CONTOSO, ExampleStream.FABRIKAM);
        assertThat(byTenant.get(ExampleStream.CONTOSO)).isGreaterThanOrEqualTo(4);
        // fabrikam has not said its Zscaler egress is trusted: its users' sign-ins through it count against them
        assertThat(byTenant.get(ExampleStream.FABRIKAM)).isNotEqualTo(byTenant.get(ExampleStream.CONTOSO));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void theJobGivesTheLocalEnginesAlertsAndIncidents(int parallelism) throws Exception {
        StreamExecutionEnvironment env = AitmJob.environment();
        env.setParallelism(parallelism);
        JobSettings settings = JobSettings.of(tenants);
        var events = AitmJob.events(env.fromData(stream, AitmJob.MESSAGES), settings);
        var out = AitmJob.build(events, env.fromData(List.of("tenants: []"), Types.STRING), settings);
        List<Alert> flink = new ArrayList<>();
        try (var it = out.alerts().executeAndCollect("equality p" + parallelism)) {
            it.forEachRemaining(flink::add);
        }
        assertThat(ids(flink)).hasSize(flink.size()).isEqualTo(ids(local));
        assertThat(incidents(flink)).isEqualTo(incidents(local));
    }

    @Test
    void genericTypesAreOffSoNothingFallsBackToKryo() {
        StreamExecutionEnvironment env = AitmJob.environment();
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        // a type Flink cannot analyse would need Kryo: with generic types off it is refused, not silently serialized
        TypeInformation<Object> generic = TypeInformation.of(Object.class);
        assertThatThrownBy(() -> generic.createSerializer(env.getConfig().getSerializerConfig()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Generic types have been disabled");
    }

    static TreeSet<String> ids(List<Alert> alerts) {
        TreeSet<String> ids = new TreeSet<>();
        alerts.forEach(a -> ids.add(a.id()));
        return ids;
    }

    /** Each incident's id with its alerts' ids, as the tracker merges the alerts. */
    static Map<String, TreeSet<String>> incidents(List<Alert> alerts) throws Exception {
        var config = tenants.config();
        IncidentTracker tracker = new IncidentTracker(config, Enrichments.load(config, Optional.empty()), u -> { });
        alerts.stream().sorted(java.util.Comparator.comparing(Alert::id)).forEach(tracker::accept);
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (Incident i : tracker.snapshot().incidents()) out.put(i.id(), ids(i.alerts()));
        assertThat(out).as("incidents to compare").isNotEmpty();
        return out;
    }
}

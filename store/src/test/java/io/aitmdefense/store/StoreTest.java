package io.aitmdefense.store;

import io.aitmdefense.model.audit.AuditChain;
import io.aitmdefense.store.ConsoleUsers.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreTest {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    static List<String> backends() {
        return Backends.names();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aSecondInsertOfTheSameAlertIdIsANoOp(String backend) throws Exception {
        try (Database db = Database.open(Backends.freshUrl(backend))) {
            AlertRow a = alert("al-1", "session-replay");
            assertThat(db.alerts().insert(a)).isTrue();
            assertThat(db.alerts().insert(a)).isFalse();
            assertThat(db.alerts().insert(alert("al-2", "bec-send"))).isTrue();
            assertThat(db.alerts().count()).isEqualTo(2);
            assertThat(db.alerts().ofUser("t1", "u1")).extracting(AlertRow::id).containsExactly("al-1", "al-2");
            assertThat(db.alerts().ofUser("t2", "u1")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anEngineUpdateKeepsTheAnalystsStatusAndTheHistoryRecordsEveryChange(String backend) throws Exception {
        try (Database db = Database.open(Backends.freshUrl(backend))) {
            IncidentStore incidents = db.incidents();
            incidents.save(incident("inc-1", "high", T0), Set.of("CREATED"));
            assertThat(incidents.setStatus("inc-1", "acknowledged", T0.plusSeconds(60))).isTrue();
            IncidentRow raised = incidents.save(incident("inc-1", "critical", T0.plusSeconds(120)),
                    Set.of("SEVERITY_RAISED", "ALERT_ADDED"));
            assertThat(raised.status()).isEqualTo("acknowledged");
            assertThat(raised.severity()).isEqualTo("critical");
            assertThat(raised.version()).isEqualTo(3);
            assertThat(incidents.get("inc-1")).contains(raised);
            assertThat(incidents.history("inc-1")).extracting(IncidentStore.IncidentChange::changes)
                    .containsExactly("CREATED", "STATUS:acknowledged", "ALERT_ADDED,SEVERITY_RAISED");
            assertThat(incidents.setStatus("no-such", "closed", T0)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void incidentsAreListedByTenantSeverityStatusAndUser(String backend) throws Exception {
        try (Database db = Database.open(Backends.freshUrl(backend))) {
            IncidentStore incidents = db.incidents();
            incidents.save(incident("inc-a", "high", T0), Set.of("CREATED"));
            incidents.save(new IncidentRow("inc-b", "t2", "u2", "Bob@Contoso.com", "medium", "open", T0, T0,
                    T0.plusSeconds(5), 0, "{}"), Set.of("CREATED"));
            incidents.save(incident("inc-c", "critical", T0.plusSeconds(10)), Set.of("CREATED"));
            assertThat(incidents.list(IncidentQuery.all())).extracting(IncidentRow::id)
                    .containsExactly("inc-c", "inc-b", "inc-a");
            assertThat(incidents.list(IncidentQuery.all().tenant("t1"))).extracting(IncidentRow::id)
                    .containsExactly("inc-c", "inc-a");
            assertThat(incidents.list(IncidentQuery.all().severities(Set.of("critical", "medium"))))
                    .extracting(IncidentRow::id).containsExactly("inc-c", "inc-b");
            assertThat(incidents.list(IncidentQuery.all().user("bob@contoso.com"))).extracting(IncidentRow::id)
                    .containsExactly("inc-b");
            assertThat(incidents.list(IncidentQuery.all().statuses(Set.of("closed")))).isEmpty();
            assertThat(incidents.list(IncidentQuery.all().updatedSince(T0.plusSeconds(6)))).extracting(IncidentRow::id)
                    .containsExactly("inc-c");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void checkpointsAndSeenRecordsSurviveAReopen(String backend) throws Exception {
        String url = Backends.freshUrl(backend);
        try (Database db = Database.open(url)) {
            db.checkpoints().put("graph:signIns:t1", "{\"until\":\"2026-11-20T08:00:00Z\"}", T0);
            db.checkpoints().put("graph:signIns:t1", "{\"until\":\"2026-11-20T08:10:00Z\"}", T0.plusSeconds(600));
            assertThat(db.seenRecords().firstSightings("graph:signIns:t1", List.of("r1", "r2"), T0))
                    .containsExactly("r1", "r2");
        }
        try (Database db = Database.open(url)) {
            assertThat(db.checkpoints().get("graph:signIns:t1")).contains("{\"until\":\"2026-11-20T08:10:00Z\"}");
            assertThat(db.checkpoints().get("graph:signIns:t2")).isEmpty();
            // an overlapping window delivers r2 again: only r3 is new; another source keeps its own ids
            assertThat(db.seenRecords().firstSightings("graph:signIns:t1", List.of("r2", "r3"), T0.plusSeconds(600)))
                    .containsExactly("r3");
            assertThat(db.seenRecords().firstSightings("mgmt:Audit.Exchange:t1", List.of("r2"), T0)).containsExactly("r2");
            assertThat(db.seenRecords().prune(T0.plusSeconds(1))).isEqualTo(3);
            assertThat(db.seenRecords().firstSightings("graph:signIns:t1", List.of("r1", "r3"), T0.plusSeconds(900)))
                    .containsExactly("r1");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theNewestSnapshotsAreKeptByteForByte(String backend) throws Exception {
        try (Database db = Database.open(Backends.freshUrl(backend))) {
            for (int i = 1; i <= 5; i++) {
                byte[] data = new byte[1000 + i];
                for (int b = 0; b < data.length; b++) data[b] = (byte) (b * 31 + i);
                assertThat(db.snapshots().save("engine-1", 2, data, T0.plusSeconds(i))).isEqualTo(i);
            }
            Snapshots.Snapshot s = db.snapshots().latest("engine-1").orElseThrow();
            assertThat(s.seq()).isEqualTo(5);
            assertThat(s.format()).isEqualTo(2);
            assertThat(s.data()).hasSize(1005);
            assertThat(s.data()[7]).isEqualTo((byte) (7 * 31 + 5));
            assertThat(db.snapshots().latest("engine-2")).isEmpty();
            try (Connection c = Backends.raw(urlOf(db, backend)); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM engine_snapshots")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Snapshots.KEEP);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theAuditChainDetectsAnEditedEntry(String backend) throws Exception {
        String url = Backends.freshUrl(backend);
        try (Database db = Database.open(url)) {
            AuditLog audit = db.audit();
            for (int i = 0; i < 5; i++) audit.append("inc-1", "{\"step\":" + i + ",\"status\":204}", T0.plusSeconds(i));
            audit.append("inc-2", "{\"step\":0}", T0);
            assertThat(audit.verify("inc-1").intact()).isTrue();
            assertThat(audit.verify("inc-1").entries()).isEqualTo(5);
            assertThat(audit.entries("inc-1").get(0).prevHash()).isEqualTo(AuditLog.GENESIS);
            // the rows hold the same sealed lines an audit file does, so the model's chain check reads them as they are
            List<String> lines = audit.entries("inc-1").stream().map(AuditLog.Entry::entry).toList();
            assertThat(lines.get(1)).startsWith("{\"prev\":\"" + audit.entries("inc-1").get(0).hash() + "\",\"step\":1,");
            assertThat(AuditChain.verify(lines).intact()).isTrue();
            assertThat(audit.entries("inc-1").get(4).hash()).isEqualTo(AuditChain.hashOf(lines.get(4)));
            try (Connection c = Backends.raw(url); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE audit_entries SET entry = '{\"step\":2,\"status\":403}' "
                        + "WHERE chain = 'inc-1' AND seq = 3");
            }
            AuditLog.Verification v = audit.verify("inc-1");
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBroken().orElseThrow().seq()).isEqualTo(3);
            assertThat(audit.verify("inc-2").intact()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void concurrentWritersNeverForkTheAuditChain(String backend) throws Exception {
        try (Database db = Database.open(Backends.freshUrl(backend))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) db.audit().append("c", "{\"w\":" + writer + ",\"i\":" + i + "}", T0);
                }));
            }
            for (Future<?> f : done) f.get();
            pool.shutdown();
            AuditLog.Verification v = db.audit().verify("c");
            assertThat(v.intact()).isTrue();
            assertThat(v.entries()).isEqualTo(100);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aConsoleTokenIsShownOnceAndOnlyItsHashIsStored(String backend) throws Exception {
        String url = Backends.freshUrl(backend);
        try (Database db = Database.open(url)) {
            String token = db.users().createIfAbsent("admin", Role.ADMIN, T0).orElseThrow();
            assertThat(db.users().createIfAbsent("admin", Role.ADMIN, T0)).isEmpty();
            assertThat(db.users().authenticate(token)).contains(new ConsoleUsers.ConsoleUser("admin", Role.ADMIN));
            assertThat(db.users().authenticate(token + "x")).isEmpty();
            assertThat(db.users().authenticate("")).isEmpty();
            try (Connection c = Backends.raw(url); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT name, role, token_hash FROM console_users")) {
                while (rs.next()) {
                    for (int i = 1; i <= 3; i++) assertThat(rs.getString(i)).doesNotContain(token.substring(5, 20));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void responsePlansAreSavedAndListedPerIncident(String backend) throws Exception {
        try (Database db = Database.open(Backends.freshUrl(backend))) {
            db.plans().save(new ResponsePlans.PlanRow("plan-1", "inc-1", "planned", T0, "{\"steps\":[]}"));
            db.plans().save(new ResponsePlans.PlanRow("plan-1", "inc-1", "approved", T0.plusSeconds(5), "{\"steps\":[1]}"));
            db.plans().save(new ResponsePlans.PlanRow("plan-2", "inc-2", "planned", T0, "{}"));
            assertThat(db.plans().get("plan-1").orElseThrow().status()).isEqualTo("approved");
            assertThat(db.plans().ofIncident("inc-1")).extracting(ResponsePlans.PlanRow::body).containsExactly("{\"steps\":[1]}");
        }
    }

    @org.junit.jupiter.api.Test
    void anUnreachableServerIsAClearErrorWithoutThePassword() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/aitm?user=aitm&password=s3cret-pw"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:1/aitm?user=aitm&password=***")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain("s3cret-pw"));
        assertThatThrownBy(() -> Database.open("jdbc:mysql://db/aitm")).hasMessageContaining("use jdbc:postgresql://");
    }

    private static String stackText(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) b.append(t).append('\n');
        return b.toString();
    }

    /** The URL a test database was opened with (the description has the password blanked; tests have none in H2). */
    private static String urlOf(Database db, String backend) {
        return backend.equals("h2") ? db.description() : db.description().replace("password=***", passwordOfTestServer());
    }

    private static String passwordOfTestServer() {
        var m = java.util.regex.Pattern.compile("password=([^&]*)").matcher(Backends.POSTGRES_URL);
        return m.find() ? "password=" + m.group(1) : "";
    }

    private static AlertRow alert(String id, String detection) {
        return new AlertRow(id, "t1", "u1", detection, "high", T0, T0.plusSeconds(60), T0, "{\"id\":\"" + id + "\"}");
    }

    private static IncidentRow incident(String id, String severity, Instant updated) {
        return new IncidentRow(id, "t1", "u1", "alice@contoso.com", severity, "open", T0, updated, updated, 0, "{}");
    }
}

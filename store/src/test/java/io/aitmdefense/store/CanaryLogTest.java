package io.aitmdefense.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CanaryLogTest {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    static List<String> backends() {
        return Backends.names();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eachTenantKeepsOneUnguessableTokenAcrossReopens(String backend) throws Exception {
        String url = Backends.freshUrl(backend);
        String token;
        try (Database db = Database.open(url)) {
            token = db.canaries().ensure("t1", T0).token();
            assertThat(token).hasSize(24).matches("[A-Za-z0-9_-]+");
            assertThat(db.canaries().ensure("t2", T0).token()).isNotEqualTo(token);
        }
        try (Database db = Database.open(url)) {
            assertThat(db.canaries().ensure("t1", T0.plusSeconds(60)).token()).isEqualTo(token);
            assertThat(db.canaries().byToken(token)).get().extracting(CanaryLog.Canary::tenant).isEqualTo("t1");
            assertThat(db.canaries().byToken("guess")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void healthIsCountedAndForeignHitsAreKeptInOrderForReaders(String backend) throws Exception {
        try (Database db = Database.open(Backends.freshUrl(backend))) {
            db.canaries().ensure("t1", T0);
            db.canaries().count("t1", CanaryLog.Tally.MICROSOFT, T0.plusSeconds(5));
            db.canaries().count("t1", CanaryLog.Tally.MICROSOFT, T0.plusSeconds(9));
            db.canaries().count("t1", CanaryLog.Tally.BLANK, T0);
            CanaryLog.Hit a = db.canaries().keep("t1", T0.plusSeconds(10), "203.0.113.7", "login.evil.example",
                    "https://login.evil.example/", "", "Mozilla/5.0");
            db.canaries().keep("t2", T0.plusSeconds(10), "192.0.2.1", "other.example", "", "", "");
            CanaryLog.Hit b = db.canaries().keep("t1", T0.plusSeconds(11), "198.51.100.2", "x.example", "", "", "");
            CanaryLog.Canary c = db.canaries().of("t1").orElseThrow();
            assertThat(c.microsoftHits()).isEqualTo(2);
            assertThat(c.blankHits()).isEqualTo(1);
            assertThat(c.lastHealth()).contains(T0.plusSeconds(9));
            assertThat(db.canaries().after("t1", 0, 10)).as("another tenant's hit is not t1's").containsExactly(a, b);
            assertThat(db.canaries().after("t1", a.seq(), 10)).containsExactly(b);
        }
    }
}

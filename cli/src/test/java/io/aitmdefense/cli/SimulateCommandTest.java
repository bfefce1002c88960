package io.aitmdefense.cli;

import io.aitmdefense.simulate.truth.CampaignTruth;
import io.aitmdefense.simulate.truth.GroundTruth;
import io.aitmdefense.simulate.truth.TargetedUser;
import io.aitmdefense.simulate.truth.VictimTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {

    @Test
    void writesTheLogsOfEachChosenFormatAndTheTruth(@TempDir Path dir) throws Exception {
        int status = Aitm.run("simulate", "--users", "12", "--days", "1", "--seed", "4", "--campaigns", "1",
                "--formats", "graph,ual", "--start", "2026-03-02", "--out", dir.toString());

        assertThat(status).isZero();
        assertThat(dir.resolve("logs/graph/signIns/2026-03-02.json")).exists();
        assertThat(dir.resolve("logs/ual/Audit.Exchange/2026-03-02.json")).exists();
        GroundTruth truth = GroundTruth.read(dir.resolve("truth.json"));
        assertThat(truth.start()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(truth.formats()).containsExactly("graph", "ual");
        assertThat(truth.campaigns()).hasSize(1);
    }

    @Test
    void theCampaignViewNamesThePagesTargetedUsersWithAndWithoutASignInAndTheCanaryFile(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.aitm("simulate", "--users", "12", "--days", "1", "--seed", "4", "--campaigns", "1",
                "--formats", "graph,ual", "--out", dir.toString());
        assertThat(run.status()).isZero();
        CampaignTruth c = GroundTruth.read(dir.resolve("truth.json")).campaigns().get(0);
        assertThat(c.pageDomain()).endsWith(".example");
        TargetedUser left = c.targeted().stream().filter(t -> !t.signedIn()).findFirst().orElseThrow();
        assertThat(c.victims()).extracting(VictimTruth::userPrincipalName).doesNotContain(left.userPrincipalName());
        assertThat(c.targeted()).filteredOn(TargetedUser::signedIn).extracting(TargetedUser::userPrincipalName)
                .containsExactlyInAnyOrderElementsOf(c.victims().stream().map(VictimTruth::userPrincipalName).toList());
        assertThat(run.out()).contains("page " + c.pageDomain() + " shown to " + c.targeted().size() + " user(s)",
                "left without signing in: " + left.userPrincipalName(), "canary: " + dir.resolve("canary-hits.ndjson"));
        List<String> hits = Files.readAllLines(dir.resolve("canary-hits.ndjson"));
        assertThat(hits).filteredOn(h -> h.contains("\"referer\":\"https://" + c.pageDomain())).hasSize(c.targeted().size());
        assertThat(hits).anySatisfy(h -> assertThat(h).contains("\"referer\":\"https://login.microsoftonline.com/\"",
                "\"schema\":\"aitm.canary-hit/1\""));
    }

    @Test
    void anUnknownFormatIsAUsageErrorAndWritesNothing(@TempDir Path dir) throws Exception {
        int status = Aitm.run("simulate", "--formats", "csv", "--out", dir.resolve("out").toString());

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}

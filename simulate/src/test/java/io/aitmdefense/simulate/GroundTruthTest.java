package io.aitmdefense.simulate;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.simulate.truth.CampaignTruth;
import io.aitmdefense.simulate.truth.EventRef;
import io.aitmdefense.simulate.truth.GroundTruth;
import io.aitmdefense.simulate.truth.Stage;
import io.aitmdefense.simulate.truth.StageTruth;
import io.aitmdefense.simulate.truth.Technique;
import io.aitmdefense.simulate.truth.VictimTruth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** truth.json describes exactly what is in the generated logs. */
class GroundTruthTest {
    @TempDir
    static Path dir;
    static GeneratedTenant tenant;
    static GroundTruth truth;

    @BeforeAll
    static void generate() throws Exception {
        tenant = GeneratedTenant.generate(new SimulationSpec(60, 2, 3, 4, List.of(OutputFormat.LOG_ANALYTICS), dir,
                SimulationSpec.DEFAULT_START, false, SimulationSpec.DEFAULT_DOMAIN));
        truth = GroundTruth.read(tenant.report().truthFile());
    }

    @Test
    void truthFileReadsBackAsWritten() {
        assertThat(truth).isEqualTo(tenant.report().truth());
        assertThat(truth.seed()).isEqualTo(3);
        assertThat(truth.rows()).containsEntry("SIGN_INS", tenant.report().rows().get("SIGN_INS"));
    }

    @Test
    void tenantYamlBesideTheTruthIsTheDetectConfigOfTheTenantsOwnNetworks() throws Exception {
        TenantContext context = DetectConfig.load(dir.resolve(Simulation.TENANT_CONFIG)).tenant();

        List<String> ranges = new ArrayList<>();
        truth.tenant().trustedLocations().forEach(r -> ranges.add(r.cidr()));
        truth.tenant().namedNetworks().forEach(r -> ranges.add(r.cidr()));
        assertThat(ranges).isNotEmpty();
        assertThat(context.trustedCidrs()).containsExactlyElementsOf(ranges);
        assertThat(context.trustedLocationNames()).contains(truth.tenant().trustedLocations().get(0).name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void everyTechniqueIsPlayedAndTheFirstCampaignHitsSeveralUsersFromSharedInfrastructure() {
        // four campaigns play the four original techniques; the newer ones come from the fifth campaign on
        // (NewTechniquesEvaluationTest plays them all)
        assertThat(truth.campaigns()).extracting(CampaignTruth::technique)
                .containsExactlyInAnyOrder(Technique.EVILGINX_COOKIE_REPLAY, Technique.TYCOON_KIT, Technique.DEVICE_CODE_PHISH,
                        Technique.REFRESH_TOKEN_THEFT);
        CampaignTruth first = truth.campaigns().get(0);
        assertThat(first.victims()).hasSizeGreaterThanOrEqualTo(2);
        Set<String> replayIpsPerVictim = new java.util.HashSet<>();
        for (VictimTruth v : first.victims()) {
            stage(v, Stage.REPLAY).events().forEach(e -> replayIpsPerVictim.add(e.ip()));
        }
        assertThat(replayIpsPerVictim.size()).as("victims share replay hosts").isLessThan(first.victims().size() * 2 + 1);
    }

    @Test
    void everyAttackerEventIdExistsInTheGeneratedLogs() {
        List<EventRef> refs = refs();
        assertThat(refs).hasSizeGreaterThan(20);
        for (EventRef r : refs) assertThat(tenant.byId()).as("event %s (%s)", r.id(), r.table()).containsKey(r.id());
    }

    @Test
    void attackerEventsCarryTheAttackerAddresses() {
        for (CampaignTruth c : truth.campaigns()) {
            for (VictimTruth v : c.victims()) {
                for (StageTruth s : v.stages()) {
                    for (EventRef r : s.events()) {
                        Event e = tenant.byId().get(r.id());
                        if (r.table().equals("DIRECTORY_AUDITS") && r.ip().isEmpty()) continue; // service-initiated (DRS)
                        assertThat(GeneratedTenant.ip(e)).as("%s %s", s.stage(), r.id()).isEqualTo(r.ip());
                        assertThat(c.infrastructure().ips()).contains(r.ip());
                    }
                }
            }
        }
    }

    @Test
    void cookieReplayReusesTheVictimsSessionFromAnotherNetworkAndClient() {
        CampaignTruth evilginx = campaign(Technique.EVILGINX_COOKIE_REPLAY);
        for (VictimTruth v : evilginx.victims()) {
            SignIn phish = (SignIn) tenant.byId().get(stage(v, Stage.PHISH).events().get(0).id());
            SignIn replay = (SignIn) tenant.byId().get(stage(v, Stage.REPLAY).events().get(0).id());
            assertThat(replay.sessionId()).isEqualTo(phish.sessionId()).isNotEmpty();
            assertThat(replay.userAgent()).isNotEqualTo(phish.userAgent());
            assertThat(replay.time()).isAfter(phish.time());
            assertThat(replay.satisfiedByToken()).isTrue();
            assertThat(phish.mfaPerformed()).isTrue();
        }
    }

    @Test
    void deviceCodeAndKitCampaignsLookLikeTheirTechnique() {
        VictimTruth dc = campaign(Technique.DEVICE_CODE_PHISH).victims().get(0);
        SignIn code = (SignIn) tenant.byId().get(stage(dc, Stage.PHISH).events().get(0).id());
        assertThat(code.token().deviceCode()).isTrue();
        VictimTruth kit = campaign(Technique.TYCOON_KIT).victims().get(0);
        SignIn kitSignIn = (SignIn) tenant.byId().get(stage(kit, Stage.PHISH).events().get(0).id());
        assertThat(kitSignIn.appName()).isEqualTo("OfficeHome");
        assertThat(kitSignIn.userAgent()).matches("axios/.*|node");
        VictimTruth theft = campaign(Technique.REFRESH_TOKEN_THEFT).victims().get(0);
        SignIn redeemed = (SignIn) tenant.byId().get(stage(theft, Stage.REPLAY).events().get(0).id());
        assertThat(redeemed.interactive()).isFalse();
        assertThat(redeemed.token().incomingTokenType()).isEqualTo("refreshToken");
    }

    @Test
    void everyVictimHasInitialAccessReplayAndPersistenceInTimeOrder() {
        for (CampaignTruth c : truth.campaigns()) {
            for (VictimTruth v : c.victims()) {
                Set<Stage> stages = v.stages().stream().map(StageTruth::stage).collect(Collectors.toCollection(() -> EnumSet.noneOf(Stage.class)));
                assertThat(stages).contains(Stage.REPLAY);
                assertThat(stages).containsAnyOf(Stage.PHISH, Stage.TOKEN_THEFT);
                assertThat(stages.stream().anyMatch(Stage::persistence)).as(v.userPrincipalName()).isTrue();
                List<String> times = v.stages().stream().map(StageTruth::time).toList();
                assertThat(times).isSorted();
                if (v.admin()) assertThat(stages).contains(Stage.CA_TAMPERING);
            }
        }
    }

    @Test
    void persistenceRecordsParseAsTheArtifactsTheStageNames() {
        for (CampaignTruth c : truth.campaigns()) {
            for (VictimTruth v : c.victims()) {
                for (StageTruth s : v.stages()) {
                    List<Artifact> artifacts = new ArrayList<>();
                    for (EventRef r : s.events()) {
                        Event e = tenant.byId().get(r.id());
                        if (e instanceof OfficeActivity o) o.artifact().ifPresent(artifacts::add);
                        if (e instanceof DirectoryAudit a) a.artifact().ifPresent(artifacts::add);
                    }
                    switch (s.stage()) {
                        case INBOX_RULE -> assertThat(artifacts).hasAtLeastOneElementOfType(Artifact.InboxRule.class);
                        case MAILBOX_FORWARDING -> assertThat(artifacts).hasAtLeastOneElementOfType(Artifact.MailForwarding.class);
                        case OAUTH_CONSENT -> assertThat(artifacts).filteredOn(a -> a instanceof Artifact.AppConsent ac
                                && ac.scopes().contains("offline_access") && ac.scopes().contains("Mail.Read")).isNotEmpty();
                        case MFA_REGISTRATION -> assertThat(artifacts).hasAtLeastOneElementOfType(Artifact.MfaMethodChange.class);
                        case DEVICE_REGISTRATION -> assertThat(artifacts).hasAtLeastOneElementOfType(Artifact.DeviceRegistration.class);
                        case CA_TAMPERING -> assertThat(artifacts).hasAtLeastOneElementOfType(Artifact.PolicyChange.class);
                        default -> { }
                    }
                }
            }
        }
    }

    private static List<EventRef> refs() {
        List<EventRef> out = new ArrayList<>();
        for (CampaignTruth c : truth.campaigns()) for (VictimTruth v : c.victims()) for (StageTruth s : v.stages()) out.addAll(s.events());
        return out;
    }

    private static CampaignTruth campaign(Technique t) {
        return truth.campaigns().stream().filter(c -> c.technique() == t).findFirst().orElseThrow();
    }

    private static StageTruth stage(VictimTruth v, Stage stage) {
        return v.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow(() -> new AssertionError(
                v.userPrincipalName() + " has no " + stage));
    }
}

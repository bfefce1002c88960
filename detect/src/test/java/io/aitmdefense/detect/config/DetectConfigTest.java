package io.aitmdefense.detect.config;

import io.aitmdefense.detect.detections.Catalogue;
import io.aitmdefense.detect.enrich.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tenant file as a new user writes it: misspellings are caught with their line, several tenants each get their own. */
class DetectConfigTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("tenant.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void aMisspeltTenantKeyIsAnErrorNamingFileLineAndTheKeyMeant() throws IOException {
        Path f = file("""
                tenant:
                  breakGlass: [bg@contoso.example]
                  trustedCidr: [203.0.113.0/24]
                """);

        assertThatThrownBy(() -> DetectConfig.load(f))
                .isInstanceOf(IOException.class)
                .hasMessage(f + ":3: unknown key 'trustedCidr' under tenant; did you mean 'trustedCidrs'?");
    }

    @Test
    void anUnknownTopLevelSectionAndAKeyOfAListedTenantAreErrorsToo() throws IOException {
        Path top = file("tenat:\n  vips: [a@b.example]\n");
        assertThatThrownBy(() -> DetectConfig.load(top)).hasMessage(top + ":1: unknown key 'tenat'; did you mean 'tenant'?");

        Path listed = file("""
                tenants:
                  - id: 11111111-2222-3333-4444-555555555555
                    vip: [ceo@contoso.example]
                """);
        assertThatThrownBy(() -> DetectConfig.load(listed))
                .hasMessage(listed + ":3: unknown key 'vip' under tenants[0]; did you mean 'vips'?");
    }

    @Test
    void sectionsOtherModulesOwnAreLeftToThemAndATypoOfOneIsStillAnError() throws IOException {
        Path shared = file("""
                tenant:
                  vips: [ceo@contoso.example]
                microsoft:
                  anything: [their, own, keys]
                respond:
                  approve: none
                """);
        assertThat(DetectConfig.load(shared).tenant().vips()).containsExactly("ceo@contoso.example");

        Path typo = file("microsfot:\n  tenantId: x\n");
        assertThatThrownBy(() -> DetectConfig.load(typo)).hasMessage(typo + ":1: unknown key 'microsfot'; did you mean 'microsoft'?");
    }

    @Test
    void aMisspeltThresholdOrDetectionIsCaughtBeforeTheRunWithItsLine() throws IOException {
        Path threshold = file("""
                detections:
                  session-replay:
                    windw: 30m
                """);
        DetectConfig config = DetectConfig.load(threshold);
        assertThatThrownBy(() -> Catalogue.enabled(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(threshold + ":3: unknown key 'windw' under detections.session-replay; did you mean 'window'?");

        Path detection = file("""
                detections:
                  sesion-replay:
                    enabled: false
                """);
        DetectConfig other = DetectConfig.load(detection);
        assertThatThrownBy(() -> Catalogue.enabled(other))
                .hasMessage(detection + ":2: unknown key 'sesion-replay' under detections; did you mean 'session-replay'?");
    }

    @Test
    void theSingleTenantTopLevelAnswersForUnlistedTenantsAndListedOnesHaveTheirOwn() throws IOException {
        Path f = file("""
                tenant:
                  trustedCidrs: [198.51.100.0/24]
                tenants:
                  - id: AAAAAAAA-0000-0000-0000-000000000001
                    name: Fabrikam
                    trustedCidrs: [203.0.113.0/24]
                    breakGlass: [BG@fabrikam.example]
                  - id: aaaaaaaa-0000-0000-0000-000000000002
                """);

        Tenants tenants = DetectConfig.load(f).tenants();

        assertThat(tenants.of("aaaaaaaa-0000-0000-0000-000000000001").trustedCidrs()).containsExactly("203.0.113.0/24");
        assertThat(tenants.of("aaaaaaaa-0000-0000-0000-000000000001").breakGlass()).containsExactly("bg@fabrikam.example");
        assertThat(tenants.of("aaaaaaaa-0000-0000-0000-000000000002").trustedCidrs()).isEmpty();
        assertThat(tenants.of("ffffffff-0000-0000-0000-000000000009").trustedCidrs()).containsExactly("198.51.100.0/24");
        assertThat(tenants.of("").trustedCidrs()).containsExactly("198.51.100.0/24");
    }

    @Test
    void aTenantWithoutItsIdIsRefused() throws IOException {
        Path f = file("tenants:\n  - trustedCidrs: [203.0.113.0/24]\n");
        assertThatThrownBy(() -> DetectConfig.load(f)).hasMessageContaining(":2: a tenant in the list needs its id");
    }

    @Test
    void showConfigPrintsEveryEffectiveValueOnceWithItsDefaultWhenOverridden() throws IOException {
        Path f = file("""
                tenant:
                  vips: [ceo@contoso.example]
                detections:
                  session-replay:
                    window: 30m
                """);

        String text = Catalogue.configText(DetectConfig.load(f));

        assertThat(text).contains("  vips: [ceo@contoso.example]");
        assertThat(text).containsPattern("\n  session-replay:\n    enabled: true .*\n    window: 30m +# \\(default 1h\\) second use of a session");
        assertThat(text).contains("    minDelay: 1s");
        // the full list of risky consent scopes, in one place: the detection
        assertThat(text).contains("consentRiskyScopes: [Mail., Files., Chat., Contacts., MailboxSettings., People., Notes., EWS.,"
                + " Directory.AccessAsUser.All, user_impersonation, full_access_as_user]");
        assertThat(text).contains("  allowedLateness: 1d").contains("  window: 1d").contains("  campaignMinUsers: 2");
        for (var info : Catalogue.infos()) assertThat(text).contains("\n  " + info.id() + ":\n    enabled: true");
    }

    @Test
    void theEffectiveTextIsItselfAValidConfigurationWithTheSameValues(@TempDir Path out) throws IOException {
        Path copy = out.resolve("copy.yaml");
        Files.writeString(copy, Catalogue.configText(DetectConfig.defaults()));

        DetectConfig read = DetectConfig.load(copy);
        Catalogue.enabled(read); // every key in it is known

        assertThat(read.incidentWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(read.detection("signin-then-persistence").strings("consentRiskyScopes", List.of(), "")).hasSize(11);
    }

    @Test
    void closeKeysAreSuggestedAndFarOnesAreNot() {
        assertThat(DetectConfig.closest("trustedcidr", Set.of("trustedCidrs", "vips"))).contains("trustedCidrs");
        assertThat(DetectConfig.closest("colour", Set.of("trustedCidrs", "vips"))).isEmpty();
    }

    @Test
    void withoutAConfigTheWarningIsOneLine() {
        assertThat(DetectConfig.NO_TENANT_CONTEXT).doesNotContain("\n").startsWith("warning: ");
        assertThat(DetectConfig.defaults().hasTenantContext()).isFalse();
    }
}

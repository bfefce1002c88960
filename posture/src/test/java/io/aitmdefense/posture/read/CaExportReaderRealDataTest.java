package io.aitmdefense.posture.read;

import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ContinuousAccessEvaluationMode;
import io.aitmdefense.posture.model.FilterMode;
import io.aitmdefense.posture.model.InsiderRiskLevel;
import io.aitmdefense.posture.model.NamedLocationKind;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.TransferMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The real public policy sets, byte-for-byte (UTF-16LE BOM, annotations, PascalCase, templates). */
class CaExportReaderRealDataTest {

    static final Path DATA = Path.of("../shared/data/ca-policies");

    static Stream<Path> everyExportFile() throws IOException {
        try (Stream<Path> walk = Files.walk(DATA)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".csv"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("everyExportFile")
    void everyFileReadsWithoutErrors(Path file) {
        CaReadResult result = new CaExportReader().read(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.filesRead()).isEqualTo(1);
        var s = result.snapshot();
        assertThat(s.policies().size() + s.namedLocations().size() + s.directory().groupNames().size())
                .as("something was read from %s", file).isPositive();
    }

    @Test
    void originalAndUtf8CopiesOfEverySetReadTheSame() {
        for (String set : List.of("j0eyv-ConditionalAccessBaseline", "AlexFilipin-ConditionalAccess",
                "philippkohn-CAZeroTrust", "caOptics-demodata", "ScubaGear-CapSnippets-PascalCase")) {
            CaReadResult original = new CaExportReader().read(DATA.resolve(set).resolve("original"));
            CaReadResult utf8 = new CaExportReader().read(DATA.resolve(set).resolve("utf8"));
            assertThat(original.errors()).as(set).isEmpty();
            assertThat(strip(original)).as(set).isEqualTo(strip(utf8));
        }
    }

    private static List<ConditionalAccessPolicy> strip(CaReadResult r) {
        return r.snapshot().policies().stream().map(p -> new ConditionalAccessPolicy(p.id(), p.displayName(), p.state(),
                p.createdDateTime(), p.modifiedDateTime(), p.templateId(), p.conditions(), p.grantControls(),
                p.sessionControls(), "", p.unknownFields())).toList();
    }

    @Test
    void wholeFolderReadCountsPoliciesOfEachSet() {
        CaReadResult result = new CaExportReader().read(
                DATA.resolve("j0eyv-ConditionalAccessBaseline/original"),
                DATA.resolve("AlexFilipin-ConditionalAccess/original"),
                DATA.resolve("philippkohn-CAZeroTrust/original"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.snapshot().policies()).hasSize(36 + 59 + 52);
        assertThat(result.snapshot().policies().stream().filter(p -> p.state() == PolicyState.REPORT_ONLY))
                .hasSize(5 + 59);
        assertThat(result.snapshot().namedLocations()).extracting(l -> l.kind())
                .contains(NamedLocationKind.COUNTRY, NamedLocationKind.COMPLIANT_NETWORK);
        assertThat(result.snapshot().directory().groupNames()).containsValue("CA-BreakGlassAccounts - Exclude")
                .containsValue("CA-BreakGlassAccounts");
    }

    @Test
    void unknownBetaFieldsAreKeptOnThePolicyAndReported() {
        CaReadResult result = new CaExportReader().read(DATA.resolve("j0eyv-ConditionalAccessBaseline/original"),
                DATA.resolve("AlexFilipin-ConditionalAccess/original"));

        assertThat(result.unknownFields()).extracting(UnknownField::path)
                .contains("conditions.agents", "conditions.agentContext",
                        "conditions.clientApplications.includeAgentIdServicePrincipals",
                        "conditions.applications.globalSecureAccess", "sessionControls.networkAccessSecurity",
                        "sessionControls.globalSecureAccessFilteringProfile")
                .doesNotContain("@odata.context", "conditions.times", "#microsoft.graph.restore");
        ConditionalAccessPolicy withAgents = result.snapshot().policies().stream()
                .filter(p -> p.unknownFields().containsKey("conditions.agents")).findFirst().orElseThrow();
        assertThat(withAgents.unknownFields().get("conditions.agents")).contains("includeAgentUsers");
    }

    @Test
    void betaExportFeaturesAreParsed() {
        var s = new CaExportReader().read(DATA.resolve("j0eyv-ConditionalAccessBaseline/original")).snapshot();

        ConditionalAccessPolicy flows = s.policy("CA004-Global-IdentityProtection-AnyApp-AnyPlatform-AuthenticationFlows")
                .orElseThrow();
        assertThat(flows.conditions().transferMethods())
                .containsExactlyInAnyOrder(TransferMethod.DEVICE_CODE_FLOW, TransferMethod.AUTHENTICATION_TRANSFER);
        assertThat(flows.grantControls().orElseThrow().builtInControls()).containsExactly(BuiltInControl.BLOCK);

        ConditionalAccessPolicy cae = s.policy("CA104-Admins-IdentityProtection-AllApps-AnyPlatform-ContinuousAccessEvaluation")
                .orElseThrow();
        assertThat(cae.sessionControls().continuousAccessEvaluation()).contains(ContinuousAccessEvaluationMode.STRICT_LOCATION);
        assertThat(cae.grantControls()).isEmpty();
        assertThat(cae.conditions().users().includeRoles()).contains("62e90394-69f5-4237-9190-012177145e10");

        AuthenticationStrength strength = s.policy("CA105-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA")
                .orElseThrow().grantControls().orElseThrow().authenticationStrength().orElseThrow();
        assertThat(strength.id()).isEqualTo(AuthenticationStrength.PHISHING_RESISTANT_ID);
        assertThat(strength.phishingResistant()).isTrue();

        assertThat(s.policies()).anySatisfy(p -> assertThat(p.sessionControls().signInFrequency())
                .hasValueSatisfying(f -> assertThat(f.everyTime()).isTrue()));
        assertThat(s.policies()).anySatisfy(p -> assertThat(p.conditions().devices().deviceFilter())
                .hasValueSatisfying(f -> assertThat(f.mode()).isEqualTo(FilterMode.EXCLUDE)));
    }

    @Test
    void templatesKeepPlaceholdersAndWarnAboutThem() {
        CaReadResult r = new CaExportReader().read(DATA.resolve("AlexFilipin-ConditionalAccess/original"));

        assertThat(r.warnings()).anySatisfy(w -> assertThat(w.reason()).contains("placeholder '<EmergencyAccessAccountsGroup>'"));
        ConditionalAccessPolicy tp = r.snapshot().policies().stream().filter(p -> p.sessionControls().tokenProtection())
                .findFirst().orElseThrow();
        assertThat(tp.conditions().users().excludeGroups()).contains("<ExclusionTempGroup>");
        assertThat(tp.id()).isEmpty();
        assertThat(r.snapshot().policies()).anySatisfy(p ->
                assertThat(p.conditions().insiderRiskLevels()).contains(InsiderRiskLevel.ELEVATED));
    }

    @Test
    void powerShellPascalCaseFragmentsReadLikeGraphShape() {
        CaReadResult r = new CaExportReader().read(DATA.resolve("ScubaGear-CapSnippets-PascalCase/original"));

        assertThat(r.errors()).isEmpty();
        assertThat(r.unknownFields()).isEmpty();
        assertThat(r.snapshot().policies()).hasSize(5);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w.reason()).contains("no state; treated as disabled"));
        assertThat(r.snapshot().policies()).allSatisfy(p -> assertThat(p.state()).isEqualTo(PolicyState.DISABLED));
    }
}

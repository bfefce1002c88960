package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.read.CaExportReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cross-policy checks on every public policy set: what they find, and never a critical they cannot back. */
class CrossPolicyChecksRealDataTest {

    static final Path SETS = Path.of("../shared/data/ca-policies");
    /** The checks that compare policies with each other (AITM-CA-025 on). */
    static final Set<Check> CROSS_POLICY = Arrays.stream(Check.values())
            .filter(c -> c.compareTo(Check.SIBLING_SCOPE_DRIFT) >= 0).collect(Collectors.toSet());

    static List<Path> sets() throws IOException {
        try (Stream<Path> s = Files.list(SETS)) {
            return s.filter(Files::isDirectory).map(d -> d.resolve("original")).filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void noCrossPolicyCheckRaisesACriticalFindingOnAnyPublicSet() throws IOException {
        List<Path> sets = sets();
        assertThat(sets).as("policy sets under " + SETS).hasSizeGreaterThanOrEqualTo(5);
        for (Path set : sets) {
            ConditionalAccessSnapshot snapshot = new CaExportReader().read(set).snapshot();
            assertThat(snapshot.policies()).as(set.toString()).isNotEmpty();
            PostureAssessment a = new PostureAssessor().assess(snapshot, PostureAssessor.Options.defaults());
            assertThat(a.findings()).as(set.toString()).filteredOn(f -> CROSS_POLICY.contains(f.check()))
                    .noneMatch(f -> f.severity() == Severity.CRITICAL);
        }
    }

    @Test
    void theJ0eyvBaselineLeavesIosAndAndroidOpenToAppsOutsideOffice365() {
        PostureAssessment a = assess("j0eyv-ConditionalAccessBaseline");

        // Windows and macOS need a compliant device and unknown platforms are blocked, but the mobile policies only
        // cover Office 365: a replay that says it is iOS or Android reaches every other app with the relayed MFA.
        ReplayCoverage other = a.permutations(Persona.ALL_USERS, Target.ANY_OTHER_APP);
        assertThat(other.granted()).extracting(ReplayResult.Variant::platform).containsOnly(Platform.IOS, Platform.ANDROID)
                .hasSize(4);
        assertThat(a.findings(Check.REPLAY_PERMUTATION_GAP)).anySatisfy(f -> {
            assertThat(f.detail()).startsWith("A replayed session of all users reaches Azure management, admin portals, "
                    + "any other application as iOS, android (browser and apps); stopped as windows (browser and apps)");
            assertThat(f.policies()).contains("CA205-Internals-BaseProtection-AnyApp-Windows-CompliantorAADHJ",
                    "CA208-Internals-BaseProtection-AnyApp-MacOS-Compliant");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
        // Exchange for all users is stopped everywhere (country allow-list, device, app protection): no finding there.
        assertThat(a.findings(Check.REPLAY_PERMUTATION_GAP)).noneMatch(f -> f.detail().contains("all users reaches Exchange"));
    }

    @Test
    void theJ0eyvBaselineReusesPersonaExclusionGroupsOnItsGlobalMfaPolicy() {
        PostureAssessment a = assess("j0eyv-ConditionalAccessBaseline");

        assertThat(a.findings(Check.SHARED_EXCLUSION)).anySatisfy(f -> {
            assertThat(f.detail()).startsWith("Group CA101-Admins-IdentityProtection-AnyApp-AnyPlatform-MFA - Exclude");
            assertThat(f.policies()).contains("CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA",
                    "CA101-Admins-IdentityProtection-AnyApp-AnyPlatform-MFA");
        });
        // The break-glass group is excluded from every policy by design and never reported.
        assertThat(a.findings(Check.SHARED_EXCLUSION)).noneMatch(f -> f.detail().contains("BreakGlass"));
        assertThat(a.findings(Check.CONTROL_PREREQUISITE_MISSING)).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("strictLocation", "none lists IP ranges"));
    }

    @Test
    void theJ0eyvAdminFamilyHasOnePolicyWithoutGlobalReader() {
        PostureAssessment a = assess("j0eyv-ConditionalAccessBaseline");

        assertThat(a.findings(Check.SIBLING_SCOPE_DRIFT)).singleElement().satisfies(f -> {
            assertThat(f.detail()).startsWith("CA103-Admins-IdentityProtection-AllApps-AnyPlatform-PersistentBrowser lacks "
                    + "role Global Reader (f2ef992c-3afb-46b9-b7cf-a126ee74c451) from the roles and groups its siblings");
            assertThat(f.policies()).contains("CA101-Admins-IdentityProtection-AnyApp-AnyPlatform-MFA");
        });
    }

    @Test
    void aSetOfDisabledPoliciesGivesNoCrossPolicyFinding() {
        PostureAssessment a = assess("philippkohn-CAZeroTrust");

        assertThat(a.policies()).isEqualTo(52);
        assertThat(a.findings()).noneMatch(f -> CROSS_POLICY.contains(f.check()));
    }

    static PostureAssessment assess(String set) {
        ConditionalAccessSnapshot snapshot = new CaExportReader().read(SETS.resolve(set).resolve("original")).snapshot();
        return new PostureAssessor().assess(snapshot, PostureAssessor.Options.defaults());
    }
}

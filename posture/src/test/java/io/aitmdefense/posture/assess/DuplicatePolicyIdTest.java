package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.read.CaExportReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicatePolicyIdTest {

    static String policy(String name) {
        return "{\"id\":\"9d1f0000-0000-4000-8000-000000000031\",\"displayName\":\"" + name + "\",\"state\":\"enabled\","
                + "\"conditions\":{\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeApplications\":"
                + "[\"All\"]},\"clientAppTypes\":[\"all\"]},\"grantControls\":{\"operator\":\"OR\",\"builtInControls\":[\"mfa\"]}}";
    }

    static PostureAssessment assess(Path dir) {
        return new PostureAssessor().assess(new CaExportReader().read(dir).snapshot(), PostureAssessor.Options.defaults());
    }

    @Test
    void oneIdUnderTwoNamesInAnExportIsReportedWithBothFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("2025-backup.json"), policy("CA001 MFA for all users"));
        Files.writeString(dir.resolve("2026-export.json"), policy("CA001 MFA for all users (v2)"));

        assertThat(assess(dir).findings(Check.DUPLICATE_POLICY_ID)).singleElement().satisfies(f -> {
            assertThat(f.detail()).startsWith("Policy id 9d1f0000-0000-4000-8000-000000000031 appears 2 times: "
                    + "'CA001 MFA for all users' (enabled, ").contains("2025-backup.json", "2026-export.json");
            assertThat(f.policies()).containsExactly("CA001 MFA for all users", "CA001 MFA for all users (v2)");
        });
    }

    @Test
    void theSamePolicyKeptTwiceIsReadOnceAndNotReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("original.json"), policy("CA001 MFA for all users"));
        Files.writeString(dir.resolve("utf8-copy.json"), policy("CA001 MFA for all users"));

        PostureAssessment a = assess(dir);
        assertThat(a.policies()).isEqualTo(1);
        assertThat(a.findings(Check.DUPLICATE_POLICY_ID)).isEmpty();
    }
}

package io.aitmdefense.posture.assess;

import org.junit.jupiter.api.Test;

import static io.aitmdefense.posture.assess.CrossPolicyFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

class MissingDirectoryObjectTest {

    static final String PILOT = "6b1c0000-0000-4000-8000-0000000000a1";
    static final String DELETED = "6b1c0000-0000-4000-8000-0000000000de";
    static final String EMPTY = "6b1c0000-0000-4000-8000-0000000000e0";

    static String directory(String users, String groups) {
        return "{\"directory\":{\"users\":[" + users + "],\"groups\":[" + groups + "]}}";
    }

    static String group(String id, String name) {
        return "{\"id\":\"" + id + "\",\"displayName\":\"" + name + "\"}";
    }

    static String user(String id, String... groups) {
        return "{\"id\":\"" + id + "\",\"userPrincipalName\":\"" + id + "@tenant\",\"groups\":[\"" + String.join("\",\"", groups)
                + "\"]}";
    }

    @Test
    void anIncludedGroupTheExportDoesNotHoldIsMediumAndAnEmptyOneIsReportedToo() {
        PostureAssessment a = assess(
                policy("Pilot compliant device", "\"includeGroups\":[\"" + PILOT + "\",\"" + DELETED + "\"]", "",
                        grant("compliantDevice")),
                policy("MFA except kiosks", allUsers(EMPTY), "", grant("mfa")),
                directory(user("u1", PILOT) + "," + user("bg1", BREAK_GLASS), group(PILOT, "CA pilot ring") + "," + group(EMPTY, "CA kiosks - Exclude")
                        + "," + group(BREAK_GLASS, "Break glass")));

        assertThat(a.findings(Check.MISSING_DIRECTORY_OBJECT)).hasSize(2);
        assertThat(a.findings(Check.MISSING_DIRECTORY_OBJECT)).anySatisfy(f -> {
            assertThat(f.detail()).isEqualTo("Group " + DELETED + " is not among the 3 groups of the export (deleted, or "
                    + "not exported); included by Pilot compliant device.");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        });
        assertThat(a.findings(Check.MISSING_DIRECTORY_OBJECT)).anySatisfy(f -> {
            assertThat(f.detail()).startsWith("Group CA kiosks - Exclude (" + EMPTY + ") has no member among the 2 users");
            assertThat(f.severity()).isEqualTo(Severity.LOW);
        });
    }

    @Test
    void aMissingNamedLocationIsReportedOnlyWhenTheExportHasLocations() {
        String policy = policy("Block outside HQ", allUsers(), "\"locations\":{\"includeLocations\":[\"All\"],"
                + "\"excludeLocations\":[\"loc-hq\",\"loc-gone\"]}", grant("block"));
        String hq = "{\"@odata.type\":\"#microsoft.graph.ipNamedLocation\",\"id\":\"loc-hq\",\"displayName\":\"HQ\","
                + "\"isTrusted\":true,\"ipRanges\":[{\"cidrAddress\":\"198.51.100.0/24\"}]}";

        assertThat(assess(policy, hq).findings(Check.MISSING_DIRECTORY_OBJECT)).singleElement().satisfies(f -> {
            assertThat(f.detail()).startsWith("Named location loc-gone is not among the 1 named locations");
            assertThat(f.severity()).isEqualTo(Severity.LOW);
        });
        // Without named locations or a group table in the export nothing can be called missing.
        assertThat(assess(policy).findings(Check.MISSING_DIRECTORY_OBJECT)).isEmpty();
    }
}

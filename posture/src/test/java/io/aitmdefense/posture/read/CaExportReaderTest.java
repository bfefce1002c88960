package io.aitmdefense.posture.read;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.GuestType;
import io.aitmdefense.posture.model.NamedLocationKind;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.SignInFrequencyInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CaExportReaderTest {

    static final String POLICY = "{\"id\":\"p1\",\"displayName\":\"MFA\",\"state\":\"enabled\","
            + "\"conditions\":{\"clientAppTypes\":[\"All\"],\"users\":{\"includeUsers\":[\"All\"]},"
            + "\"applications\":{\"includeApplications\":[\"All\"]}},"
            + "\"grantControls\":{\"operator\":\"OR\",\"builtInControls\":[\"MFA\"]}}";

    private final CaExportReader reader = new CaExportReader();

    @Test
    void utf16LittleEndianWithBomReadsLikeUtf8(@TempDir Path dir) throws Exception {
        byte[] body = POLICY.replace(",", ",\r\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        Files.write(dir.resolve("utf16.json"), bytes);
        Files.write(dir.resolve("utf8bom.json"), ("\uFEFF" + POLICY.replace("\"p1\"", "\"p2\"")).getBytes(StandardCharsets.UTF_8));

        CaReadResult r = reader.read(dir);

        assertThat(r.errors()).isEmpty();
        assertThat(r.snapshot().policies()).hasSize(2)
                .allSatisfy(p -> assertThat(p.conditions().clientAppTypes()).containsExactly(ClientAppType.ALL));
    }

    @Test
    void theSamePolicyInTwoCopiesOfAnExportCountsOnceWithAWarning(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), POLICY);
        Files.writeString(dir.resolve("b.json"), POLICY);

        CaReadResult r = reader.read(dir);

        assertThat(r.snapshot().policies()).singleElement().satisfies(p -> assertThat(p.source()).endsWith("a.json"));
        assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.toString())
                .contains("b.json").contains("already read from").contains("ignored"));
    }

    @Test
    void theSameIdUnderAnotherNameIsKeptAsASecondVersionWithAWarning(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), POLICY);
        Files.writeString(dir.resolve("b.json"), POLICY.replace("\"displayName\":\"MFA\"", "\"displayName\":\"Renamed copy\""));

        CaReadResult r = reader.read(dir);

        assertThat(r.snapshot().policies()).hasSize(2).extracting(p -> p.displayName()).contains("Renamed copy");
        assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.toString())
                .contains("b.json").contains("both versions are kept"));
    }

    @Test
    void brokenFileIsReportedWithLineAndTheOthersAreRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-broken.json"), "{\n\"displayName\": \"x\",\n\"state\": }");
        Files.writeString(dir.resolve("b-good.json"), POLICY);
        Files.writeString(dir.resolve("c-other.json"), "{\"hello\":\"world\"}");
        Files.writeString(dir.resolve("notes.md"), "# not read");

        CaReadResult r = reader.read(dir);

        assertThat(r.snapshot().policies()).extracting(ConditionalAccessPolicy::id).containsExactly("p1");
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0).toString()).contains("a-broken.json:3: not valid JSON");
        assertThat(r.errors().get(1).toString()).contains("c-other.json: not a Conditional Access object (keys: hello)");
        assertThat(r.filesRead()).isEqualTo(3);
    }

    @Test
    void missingPathIsAnErrorNotACrash() {
        CaReadResult r = reader.read(Path.of("does/not/exist.json"));
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo("no such file or folder"));
    }

    @Test
    void graphPageAndArrayShapesAreUnwrapped() {
        assertThat(reader.readJson("page.json", "{\"@odata.context\":\"x\",\"value\":[" + POLICY + ","
                        + POLICY.replace("\"p1\"", "\"p2\"") + "]}")
                .snapshot().policies()).hasSize(2);
        assertThat(reader.readJson("array.json", "[" + POLICY + "]").snapshot().policies()).hasSize(1);
    }

    @Test
    void pascalCaseAndCamelCaseProduceTheSamePolicy() {
        String pascal = "{\"Id\":\"p1\",\"DisplayName\":\"MFA\",\"State\":\"enabled\","
                + "\"Conditions\":{\"ClientAppTypes\":[\"all\"],\"Users\":{\"IncludeUsers\":[\"All\"],\"ExcludeUsers\":null},"
                + "\"Applications\":{\"IncludeApplications\":[\"All\"]},\"Platforms\":{\"IncludePlatforms\":null,\"ExcludePlatforms\":null}},"
                + "\"GrantControls\":{\"Operator\":\"OR\",\"BuiltInControls\":[\"mfa\"],\"AuthenticationStrength\":{\"Id\":null}}}";
        ConditionalAccessPolicy a = reader.readJson("x", POLICY).snapshot().policies().get(0);
        ConditionalAccessPolicy b = reader.readJson("x", pascal).snapshot().policies().get(0);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void flagEnumsReadFromCommaStringsArraysAndNumbers() {
        String json = "{\"displayName\":\"g\",\"state\":\"enabled\",\"conditions\":{"
                + "\"signInRiskLevels\":\"high,medium\",\"users\":{\"includeGuestsOrExternalUsers\":"
                + "{\"guestOrExternalUserTypes\":63,\"externalTenants\":{\"membershipKind\":\"all\"}},"
                + "\"excludeGuestsOrExternalUsers\":{\"guestOrExternalUserTypes\":\"internalGuest,serviceProvider\"}}}}";
        ConditionalAccessPolicy p = reader.readJson("x", json).snapshot().policies().get(0);
        assertThat(p.conditions().signInRiskLevels()).containsExactlyInAnyOrder(RiskLevel.HIGH, RiskLevel.MEDIUM);
        assertThat(p.conditions().users().includeGuestsOrExternalUsers().orElseThrow().guestTypes())
                .hasSize(6).contains(GuestType.SERVICE_PROVIDER, GuestType.INTERNAL_GUEST);
        assertThat(p.conditions().users().excludeGuestsOrExternalUsers().orElseThrow().guestTypes())
                .containsExactlyInAnyOrder(GuestType.INTERNAL_GUEST, GuestType.SERVICE_PROVIDER);
    }

    @Test
    void unknownEnumValueIsWarnedAndKeptAsUnknownFutureValue() {
        String json = "{\"displayName\":\"x\",\"state\":\"enabled\",\"conditions\":{\"clientAppTypes\":[\"quantumClient\"]}}";
        CaReadResult r = reader.readJson("f.json", json);
        assertThat(r.errors()).isEmpty();
        assertThat(r.snapshot().policies().get(0).conditions().clientAppTypes()).containsExactly(ClientAppType.UNKNOWN_FUTURE_VALUE);
        assertThat(r.warnings()).singleElement().satisfies(w ->
                assertThat(w.toString()).isEqualTo("f.json: x: conditions.clientAppTypes: unknown value 'quantumClient'"));
    }

    @Test
    void unknownFutureFieldIsKeptOnThePolicyAndReportedButAnnotationsAndNullsAreNot() {
        String json = "{\"displayName\":\"x\",\"state\":\"enabled\",\"@odata.etag\":\"w\",\"state@odata.type\":\"#s\","
                + "\"#microsoft.graph.restore\":{\"title\":\"r\"},\"futureThing\":null,"
                + "\"conditions\":{\"times\":null,\"quantumRisk\":[\"high\"]},"
                + "\"sessionControls\":{\"blockSensitiveActions\":{\"isEnabled\":true}}}";
        CaReadResult r = reader.readJson("f.json", json);
        ConditionalAccessPolicy p = r.snapshot().policies().get(0);
        assertThat(p.unknownFields()).containsOnlyKeys("conditions.quantumRisk", "sessionControls.blockSensitiveActions");
        assertThat(p.unknownFields().get("sessionControls.blockSensitiveActions")).isEqualTo("{\"isEnabled\":true}");
        assertThat(r.unknownFields()).extracting(UnknownField::toString)
                .contains("f.json: x: unknown field conditions.quantumRisk");
    }

    @Test
    void nullEmptyAndMissingAllMeanNotConfigured() {
        String nulls = "{\"displayName\":\"x\",\"state\":\"enabled\",\"conditions\":{\"platforms\":null,\"locations\":null,"
                + "\"signInRiskLevels\":null},\"grantControls\":null,\"sessionControls\":null}";
        String empties = "{\"displayName\":\"x\",\"state\":\"enabled\",\"conditions\":{\"platforms\":{\"includePlatforms\":[]},"
                + "\"locations\":{},\"signInRiskLevels\":[]},\"grantControls\":{\"builtInControls\":[]},\"sessionControls\":{}}";
        String missing = "{\"displayName\":\"x\",\"state\":\"enabled\",\"conditions\":{}}";
        ConditionalAccessPolicy a = reader.readJson("f", nulls).snapshot().policies().get(0);
        assertThat(reader.readJson("f", empties).snapshot().policies().get(0)).isEqualTo(a);
        assertThat(reader.readJson("f", missing).snapshot().policies().get(0)).isEqualTo(a);
        assertThat(a.grantControls()).isEmpty();
        assertThat(a.sessionControls().empty()).isTrue();
    }

    @Test
    void reportOnlyStateAndEveryTimeFrequencyAreRead() {
        String json = "{\"displayName\":\"x\",\"state\":\"enabledForReportingButNotEnforced\",\"conditions\":{},"
                + "\"sessionControls\":{\"signInFrequency\":{\"isEnabled\":true,\"value\":null,\"type\":null,"
                + "\"frequencyInterval\":\"everyTime\",\"authenticationType\":\"primaryAndSecondaryAuthentication\"}}}";
        ConditionalAccessPolicy p = reader.readJson("f", json).snapshot().policies().get(0);
        assertThat(p.state()).isEqualTo(PolicyState.REPORT_ONLY);
        assertThat(p.sessionControls().signInFrequency().orElseThrow().interval()).isEqualTo(SignInFrequencyInterval.EVERY_TIME);
    }

    @Test
    void namedLocationsStrengthsContextsAndDirectoryAreRecognisedByContent() {
        String json = "[{\"@odata.type\":\"#microsoft.graph.ipNamedLocation\",\"id\":\"l1\",\"displayName\":\"HQ\",\"isTrusted\":true,"
                + "\"ipRanges\":[{\"@odata.type\":\"#microsoft.graph.iPv4CidrRange\",\"cidrAddress\":\"203.0.113.0/24\"}]},"
                + "{\"id\":\"l2\",\"displayName\":\"EU\",\"countriesAndRegions\":[\"nl\",\"BE\"],\"includeUnknownCountriesAndRegions\":false},"
                + "{\"id\":\"s1\",\"displayName\":\"Keys\",\"policyType\":\"custom\",\"allowedCombinations\":[\"fido2\",\"x509CertificateMultiFactor\"]},"
                + "{\"id\":\"c1\",\"displayName\":\"Tenant config\",\"isAvailable\":true},"
                + "{\"directory\":{\"users\":[{\"id\":\"u1\",\"userPrincipalName\":\"a@x\",\"groups\":[\"g1\"],\"roles\":[\"r1\"]},"
                + "{\"id\":\"u2\",\"userPrincipalName\":\"guest@y\",\"guestType\":\"b2bCollaborationGuest\"}],"
                + "\"groups\":[{\"id\":\"g1\",\"displayName\":\"Staff\"}],\"breakGlass\":[\"bg1\"]}}]";
        CaReadResult r = reader.readJson("mixed.json", json);
        assertThat(r.errors()).isEmpty();
        var s = r.snapshot();
        assertThat(s.namedLocation("l1").orElseThrow().trusted()).isTrue();
        assertThat(s.namedLocation("l2").orElseThrow().kind()).isEqualTo(NamedLocationKind.COUNTRY);
        assertThat(s.namedLocation("l2").orElseThrow().countriesAndRegions()).containsExactlyInAnyOrder("NL", "BE");
        assertThat(s.authenticationStrength("s1").orElseThrow().phishingResistant()).isTrue();
        assertThat(s.authenticationContext("C1").orElseThrow().available()).isTrue();
        assertThat(s.directory().user("a@x").orElseThrow().groupIds()).containsExactly("g1");
        assertThat(s.directory().user("u2").orElseThrow().guest()).isTrue();
        assertThat(s.directory().groupName("g1")).contains("Staff");
        assertThat(s.directory().breakGlassIds()).containsExactly("bg1");
    }

    @Test
    void groupTableCsvGivesGroupNamesAndBadRowsAreReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("groups.csv"), "\"DisplayName\",\"Description\",\"Id\"\n"
                + "\"CA-BreakGlass, Exclude\",,\"g-1\"\n\"short\"\n");
        CaReadResult r = reader.read(dir);
        assertThat(r.snapshot().directory().groupName("g-1")).contains("CA-BreakGlass, Exclude");
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.location()).endsWith("groups.csv:3"));
    }

    @Test
    void placeholdersAreKeptAndWarnedOnce() {
        String json = "{\"displayName\":\"t\",\"state\":\"enabled\",\"conditions\":{\"users\":{\"includeUsers\":[\"All\"],"
                + "\"excludeGroups\":[\"<<BreakGlassGroupId>>\",\"%BreakGlass%\",\"00000000-0000-0000-0000-000000000000\",\"real\"]}}}";
        CaReadResult r = reader.readJson("f", json);
        assertThat(r.snapshot().policies().get(0).conditions().users().excludeGroups()).hasSize(4);
        assertThat(r.warnings()).hasSize(3).allSatisfy(w -> assertThat(w.reason()).contains("placeholder"));
    }
}

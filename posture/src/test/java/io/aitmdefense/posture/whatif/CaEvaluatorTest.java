package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.AuthenticationMethodMode;
import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.ContinuousAccessEvaluationMode;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.GrantOperator;
import io.aitmdefense.posture.model.GuestType;
import io.aitmdefense.posture.model.InsiderRiskLevel;
import io.aitmdefense.posture.model.IpRange;
import io.aitmdefense.posture.model.PersistentBrowserMode;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.TransferMethod;
import io.aitmdefense.posture.model.UserAction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static io.aitmdefense.posture.model.AuthenticationMethodMode.FIDO2;
import static io.aitmdefense.posture.model.AuthenticationMethodMode.MICROSOFT_AUTHENTICATOR_PUSH;
import static io.aitmdefense.posture.model.AuthenticationMethodMode.PASSWORD;
import static io.aitmdefense.posture.whatif.PolicyJson.ALL_USERS_ALL_APPS;
import static io.aitmdefense.posture.whatif.PolicyJson.enabled;
import static io.aitmdefense.posture.whatif.PolicyJson.grant;
import static io.aitmdefense.posture.whatif.PolicyJson.policy;
import static io.aitmdefense.posture.whatif.PolicyJson.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

class CaEvaluatorTest {

    static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
    static final DirectoryUser ALICE = new DirectoryUser("alice-id", "alice@contoso.com", Set.of("staff", "pilot"),
            Set.of(), Optional.empty(), Optional.empty());
    static final DirectoryUser ADMIN = new DirectoryUser("admin-id", "admin@contoso.com", Set.of("staff"),
            Set.of(GLOBAL_ADMIN), Optional.empty(), Optional.empty());
    static final DirectoryUser GUEST = new DirectoryUser("guest-id", "guest_fabrikam#EXT#@contoso.com", Set.of(),
            Set.of(), Optional.of(GuestType.B2B_COLLABORATION_GUEST), Optional.of("fabrikam-tenant"));
    static final DirectoryUser BREAK_GLASS = new DirectoryUser("bg-id", "bg@contoso.com", Set.of("break-glass"),
            Set.of(GLOBAL_ADMIN), Optional.empty(), Optional.empty());

    static final Set<AuthenticationMethodMode> PASSWORD_ONLY = Set.of(PASSWORD);
    static final Set<AuthenticationMethodMode> PUSH_MFA = Set.of(PASSWORD, MICROSOFT_AUTHENTICATOR_PUSH);
    static final Set<AuthenticationMethodMode> PASSKEY = Set.of(FIDO2);

    static SignInScenario exchange(DirectoryUser u) {
        return SignInScenario.of(u, SignInTarget.apps(WellKnownApps.EXCHANGE_ONLINE))
                .withClientApp(ClientAppType.BROWSER).withPlatform(Platform.WINDOWS)
                .withDevice(DeviceInfo.unregistered()).withCountry("NL").withMethods(PASSWORD_ONLY);
    }

    static Evaluation eval(ConditionalAccessSnapshot s, SignInScenario scenario) {
        return new CaEvaluator(s).evaluate(scenario);
    }

    static PolicyDecision only(Evaluation e) {
        assertThat(e.decisions()).hasSize(1);
        return e.decisions().get(0);
    }

    @Nested
    class Users {
        final ConditionalAccessSnapshot mfaExceptBreakGlass = snapshot(enabled("mfa",
                "\"users\":{\"includeUsers\":[\"All\"],\"excludeGroups\":[\"break-glass\"]},"
                        + "\"applications\":{\"includeApplications\":[\"All\"]}", grant("OR", "mfa")));

        @Test
        void excludedGroupWinsOverAllUsersInclude() {
            PolicyDecision d = only(eval(mfaExceptBreakGlass, exchange(BREAK_GLASS)));
            assertThat(d.applicability()).isEqualTo(Applicability.DOES_NOT_APPLY);
            assertThat(d.condition()).isEqualTo(ConditionKind.USERS);
            assertThat(d.reason()).contains("excluded by group break-glass");
        }

        @Test
        void includedUserGetsThePolicy() {
            PolicyDecision d = only(eval(mfaExceptBreakGlass, exchange(ALICE)));
            assertThat(d.applies()).isTrue();
            assertThat(d.reason()).contains("All users");
        }

        @Test
        void excludedUserWinsEvenWhenIncludedByUserIdAndGroup() {
            ConditionalAccessSnapshot s = snapshot(enabled("p", "\"users\":{\"includeUsers\":[\"alice-id\"],"
                    + "\"includeGroups\":[\"staff\"],\"excludeUsers\":[\"alice@contoso.com\"]},"
                    + "\"applications\":{\"includeApplications\":[\"All\"]}", grant("OR", "block")));
            assertThat(only(eval(s, exchange(ALICE))).applicability()).isEqualTo(Applicability.DOES_NOT_APPLY);
        }

        @Test
        void rolesMatchByTemplateId() {
            ConditionalAccessSnapshot s = snapshot(enabled("admins", "\"users\":{\"includeRoles\":[\"" + GLOBAL_ADMIN
                    + "\"]},\"applications\":{\"includeApplications\":[\"All\"]}", grant("OR", "mfa")));
            assertThat(only(eval(s, exchange(ADMIN))).applies()).isTrue();
            assertThat(only(eval(s, exchange(ALICE))).applies()).isFalse();
        }

        @Test
        void guestTypesAndTenantsDecideGuestConditions() {
            ConditionalAccessSnapshot s = snapshot(enabled("guests", "\"users\":{\"includeGuestsOrExternalUsers\":{"
                            + "\"guestOrExternalUserTypes\":\"b2bCollaborationGuest,b2bCollaborationMember\","
                            + "\"externalTenants\":{\"membershipKind\":\"enumerated\",\"members\":[\"fabrikam-tenant\"]}}},"
                            + "\"applications\":{\"includeApplications\":[\"All\"]}", grant("OR", "mfa")),
                    enabled("legacy-guests", "\"users\":{\"includeUsers\":[\"GuestsOrExternalUsers\"]},"
                            + "\"applications\":{\"includeApplications\":[\"All\"]}", grant("OR", "mfa")));
            Evaluation guest = eval(s, exchange(GUEST));
            assertThat(guest.applicable()).hasSize(2);
            DirectoryUser otherTenant = new DirectoryUser("g2", "g2", Set.of(), Set.of(),
                    Optional.of(GuestType.B2B_COLLABORATION_GUEST), Optional.of("northwind"));
            assertThat(eval(s, exchange(otherTenant)).applicable()).extracting(d -> d.policy().id())
                    .containsExactly("legacy-guests");
            assertThat(eval(s, exchange(ALICE)).applicable()).isEmpty();
        }
    }

    @Nested
    class Applications {
        @Test
        void office365GroupCoversExchangeAndSharePointButNotAzureManagement() {
            ConditionalAccessSnapshot s = snapshot(enabled("o365", "\"users\":{\"includeUsers\":[\"All\"]},"
                    + "\"applications\":{\"includeApplications\":[\"Office365\"]}", grant("OR", "compliantDevice")));
            assertThat(only(eval(s, exchange(ALICE))).reason()).contains("included by Office365");
            assertThat(only(eval(s, exchange(ALICE).withTarget(SignInTarget.apps(WellKnownApps.SHAREPOINT_ONLINE)))).applies()).isTrue();
            assertThat(only(eval(s, exchange(ALICE).withTarget(SignInTarget.apps(WellKnownApps.AZURE_MANAGEMENT)))).applies()).isFalse();
        }

        @Test
        void excludingTheOffice365GroupExcludesItsMembersFromAllApps() {
            ConditionalAccessSnapshot s = snapshot(enabled("not-o365", "\"users\":{\"includeUsers\":[\"All\"]},"
                    + "\"applications\":{\"includeApplications\":[\"All\"],\"excludeApplications\":[\"Office365\"]}",
                    grant("OR", "block")));
            PolicyDecision d = only(eval(s, exchange(ALICE)));
            assertThat(d.applicability()).isEqualTo(Applicability.DOES_NOT_APPLY);
            assertThat(d.reason()).contains("excluded by Office365");
            assertThat(only(eval(s, exchange(ALICE).withTarget(SignInTarget.apps(WellKnownApps.AZURE_MANAGEMENT)))).applies()).isTrue();
        }

        @Test
        void adminPortalsGroupCoversTheAzurePortal() {
            ConditionalAccessSnapshot s = snapshot(enabled("portals", "\"users\":{\"includeUsers\":[\"All\"]},"
                    + "\"applications\":{\"includeApplications\":[\"MicrosoftAdminPortals\"]}", grant("OR", "mfa")));
            assertThat(only(eval(s, exchange(ADMIN).withTarget(SignInTarget.apps(WellKnownApps.AZURE_PORTAL)))).applies()).isTrue();
            assertThat(only(eval(s, exchange(ADMIN))).applies()).isFalse();
        }

        @Test
        void userActionPoliciesMeetOnlyThatUserAction() {
            ConditionalAccessSnapshot s = snapshot(
                    enabled("register", "\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeApplications\":[],"
                            + "\"includeUserActions\":[\"urn:user:registersecurityinfo\"]}", grant("OR", "compliantDevice")),
                    enabled("all-apps", ALL_USERS_ALL_APPS, grant("OR", "mfa")));
            Evaluation reg = eval(s, exchange(ALICE).withTarget(new SignInTarget.Action(UserAction.REGISTER_SECURITY_INFORMATION)));
            assertThat(reg.applicable()).extracting(d -> d.policy().id()).containsExactly("register");
            assertThat(reg.decisions().get(1).condition()).isEqualTo(ConditionKind.USER_ACTIONS);
            Evaluation join = eval(s, exchange(ALICE).withTarget(new SignInTarget.Action(UserAction.REGISTER_OR_JOIN_DEVICES)));
            assertThat(join.applicable()).isEmpty();
            assertThat(eval(s, exchange(ALICE)).applicable()).extracting(d -> d.policy().id()).containsExactly("all-apps");
        }

        @Test
        void authContextPoliciesMeetOnlyTheirContextAndRequireTheirStrength() {
            ConditionalAccessSnapshot s = snapshot(policy("c1-step-up", "enabled",
                    "\"users\":{\"includeUsers\":[\"All\"]},\"applications\":{\"includeAuthenticationContextClassReferences\":[\"c1\"]}",
                    "\"operator\":\"OR\",\"authenticationStrength\":{\"id\":\"" + AuthenticationStrength.PHISHING_RESISTANT_ID + "\"}",
                    "\"signInFrequency\":{\"isEnabled\":true,\"frequencyInterval\":\"everyTime\",\"authenticationType\":\"primaryAndSecondaryAuthentication\"}"));
            Evaluation c1 = eval(s, exchange(ADMIN).withTarget(new SignInTarget.AuthenticationContext("C1")).withMethods(PUSH_MFA));
            assertThat(c1.enforced().outcome()).isEqualTo(Outcome.REQUIREMENTS_REMAINING);
            assertThat(c1.enforced().remainingRequirements()).extracting(Requirement::describe)
                    .containsExactly("authentication strength \"Phishing-resistant MFA\"");
            Evaluation c1Passkey = eval(s, exchange(ADMIN).withTarget(new SignInTarget.AuthenticationContext("c1")).withMethods(PASSKEY));
            assertThat(c1Passkey.enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(c1Passkey.enforced().session().signInFrequency()).hasValueSatisfying(f -> assertThat(f.everyTime()).isTrue());
            assertThat(eval(s, exchange(ADMIN).withTarget(new SignInTarget.AuthenticationContext("c2"))).applicable()).isEmpty();
            assertThat(eval(s, exchange(ADMIN)).applicable()).isEmpty();
        }
    }

    @Nested
    class OtherConditions {
        @Test
        void legacyAuthBlockMeetsOnlyLegacyClients() {
            ConditionalAccessSnapshot s = snapshot(enabled("legacy", "\"users\":{\"includeUsers\":[\"All\"]},"
                    + "\"applications\":{\"includeApplications\":[\"All\"]},\"clientAppTypes\":[\"exchangeActiveSync\",\"other\"]",
                    grant("OR", "block")));
            assertThat(eval(s, exchange(ALICE)).enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(eval(s, exchange(ALICE).withClientApp(ClientAppType.OTHER)).enforced().outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(eval(s, exchange(ALICE).withClientApp(ClientAppType.EXCHANGE_ACTIVE_SYNC)).enforced().blockedBy())
                    .containsExactly("legacy");
        }

        @Test
        void deprecatedClientAppAliasesReadAsTheirCurrentNames() {
            ConditionalAccessSnapshot s = snapshot(enabled("modern", "\"users\":{\"includeUsers\":[\"All\"]},"
                    + "\"applications\":{\"includeApplications\":[\"All\"]},\"clientAppTypes\":[\"modern\",\"easUnsupported\"]",
                    grant("OR", "block")));
            assertThat(eval(s, exchange(ALICE).withClientApp(ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS)).enforced().outcome())
                    .isEqualTo(Outcome.BLOCKED);
            assertThat(eval(s, exchange(ALICE).withClientApp(ClientAppType.EXCHANGE_ACTIVE_SYNC)).enforced().outcome())
                    .isEqualTo(Outcome.BLOCKED);
        }

        @Test
        void unknownPlatformsAreCaughtOnlyByAllMinusKnownPlatforms() {
            ConditionalAccessSnapshot s = snapshot(enabled("unknown-platforms", ALL_USERS_ALL_APPS
                            + ",\"platforms\":{\"includePlatforms\":[\"all\"],\"excludePlatforms\":[\"android\",\"iOS\",\"windows\",\"macOS\"]}",
                    grant("OR", "block")));
            assertThat(eval(s, exchange(ALICE)).enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(eval(s, exchange(ALICE).withPlatform(Platform.LINUX)).enforced().outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(eval(s, exchange(ALICE).withPlatform(Platform.UNKNOWN_FUTURE_VALUE)).enforced().outcome())
                    .isEqualTo(Outcome.BLOCKED);
        }

        @Test
        void trustedIpLocationIsExcludedByAllTrusted() {
            ConditionalAccessSnapshot s = snapshot(
                    "{\"@odata.type\":\"#microsoft.graph.ipNamedLocation\",\"id\":\"hq\",\"displayName\":\"HQ\",\"isTrusted\":true,"
                            + "\"ipRanges\":[{\"cidrAddress\":\"203.0.113.0/24\"},{\"cidrAddress\":\"2001:db8::/32\"}]}",
                    enabled("off-site-mfa", ALL_USERS_ALL_APPS + ",\"locations\":{\"includeLocations\":[\"All\"],"
                            + "\"excludeLocations\":[\"AllTrusted\"]}", grant("OR", "mfa")));
            PolicyDecision atHq = only(eval(s, exchange(ALICE).withIp(ip("203.0.113.77"))));
            assertThat(atHq.applicability()).isEqualTo(Applicability.DOES_NOT_APPLY);
            assertThat(atHq.reason()).contains("AllTrusted");
            assertThat(only(eval(s, exchange(ALICE).withIp(ip("2001:db8::5")))).applies()).isFalse();
            assertThat(only(eval(s, exchange(ALICE).withIp(ip("198.51.100.9")))).applies()).isTrue();
        }

        @Test
        void countryAllowListBlocksOtherCountries() {
            ConditionalAccessSnapshot s = snapshot(
                    "{\"@odata.type\":\"#microsoft.graph.countryNamedLocation\",\"id\":\"allowed\",\"displayName\":\"ALLOWED\","
                            + "\"countriesAndRegions\":[\"NL\",\"BE\"],\"includeUnknownCountriesAndRegions\":false}",
                    enabled("geo-block", ALL_USERS_ALL_APPS + ",\"locations\":{\"includeLocations\":[\"All\"],"
                            + "\"excludeLocations\":[\"allowed\"]}", grant("OR", "block")));
            assertThat(eval(s, exchange(ALICE).withCountry("NL")).enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(eval(s, exchange(ALICE).withCountry("RU")).enforced().outcome()).isEqualTo(Outcome.BLOCKED);
        }

        @Test
        void unknownCountryCountsOnlyForLocationsThatIncludeUnknownCountries() {
            ConditionalAccessSnapshot s = snapshot(
                    "{\"id\":\"eu-or-unknown\",\"displayName\":\"EU\",\"countriesAndRegions\":[\"NL\"],"
                            + "\"includeUnknownCountriesAndRegions\":true}",
                    enabled("geo-block", ALL_USERS_ALL_APPS + ",\"locations\":{\"includeLocations\":[\"All\"],"
                            + "\"excludeLocations\":[\"eu-or-unknown\"]}", grant("OR", "block")));
            SignInScenario noCountry = SignInScenario.of(ALICE, SignInTarget.apps(WellKnownApps.EXCHANGE_ONLINE))
                    .withIp(ip("192.0.2.1"));
            assertThat(eval(s, noCountry).enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(eval(s, noCountry.withCountry("US")).enforced().outcome()).isEqualTo(Outcome.BLOCKED);
        }

        @Test
        void compliantNetworkLocationCanBeStatedDirectly() {
            ConditionalAccessSnapshot s = snapshot(
                    "{\"@odata.type\":\"#microsoft.graph.compliantNetworkNamedLocation\",\"id\":\"3d46dbda-8382-466a-856d-eb00cbc6b910\","
                            + "\"displayName\":\"All Compliant Network locations\",\"compliantNetworkType\":\"allTenantCompliantNetworks\",\"isTrusted\":true}",
                    enabled("gsa-only", ALL_USERS_ALL_APPS + ",\"locations\":{\"includeLocations\":[\"All\"],"
                            + "\"excludeLocations\":[\"3d46dbda-8382-466a-856d-eb00cbc6b910\"]}", grant("OR", "block")));
            assertThat(eval(s, exchange(ALICE)).enforced().outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(eval(s, exchange(ALICE).withNamedLocations(Set.of("3d46dbda-8382-466a-856d-eb00cbc6b910")))
                    .enforced().outcome()).isEqualTo(Outcome.GRANTED);
        }

        @Test
        void missingFactsGiveNotEnoughInformationAndAnIncompleteOutcome() {
            ConditionalAccessSnapshot s = snapshot(enabled("geo", ALL_USERS_ALL_APPS + ",\"locations\":{\"includeLocations\":[\"All\"],"
                    + "\"excludeLocations\":[\"AllTrusted\"]},\"platforms\":{\"includePlatforms\":[\"android\"]}", grant("OR", "block")));
            SignInScenario bare = SignInScenario.of(ALICE, SignInTarget.apps(WellKnownApps.EXCHANGE_ONLINE));
            Evaluation e = eval(s, bare);
            assertThat(only(e).applicability()).isEqualTo(Applicability.NOT_ENOUGH_INFORMATION);
            assertThat(only(e).reason()).contains("platform not given").contains("location not given");
            assertThat(e.enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(e.enforced().complete()).isFalse();
            assertThat(e.enforced().undetermined()).containsExactly("geo");
        }

        @Test
        void riskConditionsMatchOnlyListedLevelsAndAreAnded() {
            ConditionalAccessSnapshot s = snapshot(
                    enabled("signin-risk", ALL_USERS_ALL_APPS + ",\"signInRiskLevels\":[\"high\",\"medium\"]", grant("OR", "block")),
                    enabled("both-risks", ALL_USERS_ALL_APPS + ",\"signInRiskLevels\":[\"high\"],\"userRiskLevels\":[\"high\"]",
                            grant("OR", "passwordChange")),
                    enabled("insider", ALL_USERS_ALL_APPS + ",\"insiderRiskLevels\":\"elevated\"", grant("OR", "block")));
            assertThat(eval(s, exchange(ALICE)).applicable()).isEmpty();
            assertThat(eval(s, exchange(ALICE).withSignInRisk(RiskLevel.MEDIUM)).applicable())
                    .extracting(d -> d.policy().id()).containsExactly("signin-risk");
            // Both risk lists are ANDed: high sign-in risk alone does not trigger the user-risk policy.
            assertThat(eval(s, exchange(ALICE).withSignInRisk(RiskLevel.HIGH)).applicable())
                    .extracting(d -> d.policy().id()).containsExactly("signin-risk");
            assertThat(eval(s, exchange(ALICE).withSignInRisk(RiskLevel.HIGH).withUserRisk(RiskLevel.HIGH)).applicable())
                    .extracting(d -> d.policy().id()).containsExactly("signin-risk", "both-risks");
            assertThat(eval(s, exchange(ALICE).withInsiderRisk(InsiderRiskLevel.ELEVATED)).enforced().blockedBy())
                    .containsExactly("insider");
            assertThat(eval(s, exchange(ALICE).withInsiderRisk(InsiderRiskLevel.MINOR)).applicable()).isEmpty();
        }

        @Test
        void deviceCodeFlowPolicyMeetsOnlyTransferFlowsFromTheCommaString() {
            ConditionalAccessSnapshot s = snapshot(enabled("flows", ALL_USERS_ALL_APPS
                    + ",\"authenticationFlows\":{\"transferMethods\":\"deviceCodeFlow,authenticationTransfer\"}", grant("OR", "block")));
            assertThat(eval(s, exchange(ALICE)).enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(eval(s, exchange(ALICE).withAuthenticationFlow(TransferMethod.DEVICE_CODE_FLOW)).enforced().outcome())
                    .isEqualTo(Outcome.BLOCKED);
            assertThat(eval(s, exchange(ALICE).withAuthenticationFlow(TransferMethod.AUTHENTICATION_TRANSFER)).enforced().outcome())
                    .isEqualTo(Outcome.BLOCKED);
        }

        @Test
        void workloadIdentityPoliciesDoNotApplyToUsers() {
            ConditionalAccessSnapshot s = snapshot(enabled("wi", "\"users\":{\"includeUsers\":[\"None\"]},"
                    + "\"clientApplications\":{\"includeServicePrincipals\":[\"ServicePrincipalsInMyTenant\"]},"
                    + "\"applications\":{\"includeApplications\":[\"All\"]}", grant("OR", "block")));
            PolicyDecision d = only(eval(s, exchange(ALICE)));
            assertThat(d.condition()).isEqualTo(ConditionKind.WORKLOAD_IDENTITIES);
        }
    }

    @Nested
    class Devices {
        final ConditionalAccessSnapshot unmanagedSession = snapshot(policy("unmanaged-session", "enabled",
                ALL_USERS_ALL_APPS + ",\"devices\":{\"deviceFilter\":{\"mode\":\"exclude\","
                        + "\"rule\":\"device.deviceOwnership -eq \\\"Company\\\" -or device.isCompliant -eq True\"}}",
                "", "\"persistentBrowser\":{\"isEnabled\":true,\"mode\":\"never\"},"
                        + "\"signInFrequency\":{\"isEnabled\":true,\"value\":1,\"type\":\"hours\"}"));

        @Test
        void excludeModeFilterWithPositiveOperatorsStillAppliesToUnregisteredDevices() {
            PolicyDecision d = only(eval(unmanagedSession, exchange(ALICE)));
            assertThat(d.applies()).isTrue();
            assertThat(d.reason()).contains("unregistered device does not match filter");
            Evaluation e = eval(unmanagedSession, exchange(ALICE));
            assertThat(e.enforced().session().persistentBrowser()).contains(PersistentBrowserMode.NEVER);
            assertThat(e.enforced().session().signInFrequency().orElseThrow().period()).contains(Duration.ofHours(1));
        }

        @Test
        void excludeModeFilterTakesOutCompliantDevices() {
            PolicyDecision d = only(eval(unmanagedSession, exchange(ALICE).withDevice(DeviceInfo.registered(TrustType.WORKPLACE, true))));
            assertThat(d.applicability()).isEqualTo(Applicability.DOES_NOT_APPLY);
            assertThat(d.condition()).isEqualTo(ConditionKind.DEVICES);
        }

        @Test
        void includeModeFilterWithPositiveOperatorNeverReachesUnregisteredDevices() {
            ConditionalAccessSnapshot s = snapshot(enabled("saw-only", ALL_USERS_ALL_APPS + ",\"devices\":{\"deviceFilter\":"
                    + "{\"mode\":\"include\",\"rule\":\"device.extensionAttribute1 -eq \\\"SAW\\\"\"}}", grant("OR", "block")));
            assertThat(only(eval(s, exchange(ALICE))).applies()).isFalse();
            DeviceInfo saw = DeviceInfo.registered(TrustType.AZURE_AD, true).withAttribute("extensionAttribute1", "SAW");
            assertThat(only(eval(s, exchange(ALICE).withDevice(saw))).applies()).isTrue();
        }

        @Test
        void includeModeFilterWithNegativeOperatorReachesUnregisteredDevices() {
            ConditionalAccessSnapshot s = snapshot(enabled("non-saw", ALL_USERS_ALL_APPS + ",\"devices\":{\"deviceFilter\":"
                    + "{\"mode\":\"include\",\"rule\":\"device.extensionAttribute1 -ne \\\"SAW\\\"\"}}", grant("OR", "block")));
            assertThat(only(eval(s, exchange(ALICE))).applies()).isTrue();
            DeviceInfo saw = DeviceInfo.registered(TrustType.AZURE_AD, true).withAttribute("extensionAttribute1", "SAW");
            assertThat(only(eval(s, exchange(ALICE).withDevice(saw))).applies()).isFalse();
        }

        @Test
        void invalidFilterIsReportedNotGuessed() {
            ConditionalAccessSnapshot s = snapshot(enabled("bad", ALL_USERS_ALL_APPS + ",\"devices\":{\"deviceFilter\":"
                    + "{\"mode\":\"include\",\"rule\":\"device.colour -eq \\\"red\\\"\"}}", grant("OR", "block")));
            PolicyDecision d = only(eval(s, exchange(ALICE)));
            assertThat(d.applicability()).isEqualTo(Applicability.NOT_ENOUGH_INFORMATION);
            assertThat(d.reason()).contains("device filter invalid").contains("colour");
        }
    }

    @Nested
    class Grants {
        @Test
        void orGrantNeedsOneControlAndAndGrantNeedsAll() {
            ConditionalAccessSnapshot or = snapshot(enabled("or", ALL_USERS_ALL_APPS, grant("OR", "mfa", "compliantDevice")));
            ConditionalAccessSnapshot and = snapshot(enabled("and", ALL_USERS_ALL_APPS, grant("AND", "mfa", "compliantDevice")));
            SignInScenario pushOnUnmanaged = exchange(ALICE).withMethods(PUSH_MFA);
            assertThat(eval(or, pushOnUnmanaged).enforced().outcome()).isEqualTo(Outcome.GRANTED);
            Evaluation andEval = eval(and, pushOnUnmanaged);
            assertThat(andEval.enforced().outcome()).isEqualTo(Outcome.REQUIREMENTS_REMAINING);
            assertThat(andEval.enforced().pending().get(0).operator()).isEqualTo(GrantOperator.AND);
            assertThat(andEval.enforced().remainingRequirements()).extracting(Requirement::kind)
                    .containsExactly(RequirementKind.COMPLIANT_DEVICE);
            SignInScenario pushOnCompliant = pushOnUnmanaged.withDevice(DeviceInfo.registered(TrustType.AZURE_AD, true));
            assertThat(eval(and, pushOnCompliant).enforced().outcome()).isEqualTo(Outcome.GRANTED);
        }

        @Test
        void orGrantWithNothingMetListsEveryAlternative() {
            ConditionalAccessSnapshot s = snapshot(enabled("managed", ALL_USERS_ALL_APPS,
                    grant("OR", "compliantDevice", "domainJoinedDevice")));
            Evaluation e = eval(s, exchange(ALICE));
            assertThat(e.enforced().remainingRequirements()).extracting(Requirement::kind)
                    .containsExactly(RequirementKind.COMPLIANT_DEVICE, RequirementKind.HYBRID_JOINED_DEVICE);
            assertThat(eval(s, exchange(ALICE).withDevice(DeviceInfo.registered(TrustType.SERVER_AD, false))).enforced().outcome())
                    .isEqualTo(Outcome.GRANTED);
        }

        @Test
        void everyApplicablePolicyMustBeSatisfied() {
            ConditionalAccessSnapshot s = snapshot(enabled("mfa", ALL_USERS_ALL_APPS, grant("OR", "mfa")),
                    enabled("tou", ALL_USERS_ALL_APPS, "\"operator\":\"OR\",\"termsOfUse\":[\"tou-1\"]"));
            Evaluation e = eval(s, exchange(ALICE).withMethods(PUSH_MFA));
            assertThat(e.enforced().outcome()).isEqualTo(Outcome.REQUIREMENTS_REMAINING);
            assertThat(e.enforced().pending()).extracting(PendingGrant::policyName).containsExactly("tou");
            assertThat(eval(s, exchange(ALICE).withMethods(PUSH_MFA).withControls(Set.of(SatisfiedControl.TERMS_OF_USE_ACCEPTED)))
                    .enforced().outcome()).isEqualTo(Outcome.GRANTED);
        }

        @Test
        void blockWinsOverSatisfiedGrantsAndDropsSessionControls() {
            ConditionalAccessSnapshot s = snapshot(enabled("mfa", ALL_USERS_ALL_APPS, grant("OR", "mfa")),
                    enabled("block-eas", ALL_USERS_ALL_APPS, grant("OR", "block")),
                    policy("tp", "enabled", ALL_USERS_ALL_APPS, "", "\"secureSignInSession\":{\"isEnabled\":true}"));
            Evaluation e = eval(s, exchange(ALICE).withMethods(PASSKEY));
            assertThat(e.enforced().outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(e.enforced().blockedBy()).containsExactly("block-eas");
            assertThat(e.enforced().session().tokenProtection()).isFalse();
        }

        @Test
        void phishingResistantMethodSatisfiesPlainMfaButPushDoesNotSatisfyPhishingResistantStrength() {
            ConditionalAccessSnapshot mfa = snapshot(enabled("mfa", ALL_USERS_ALL_APPS, grant("OR", "mfa")));
            ConditionalAccessSnapshot strong = snapshot(enabled("phr", ALL_USERS_ALL_APPS,
                    "\"operator\":\"OR\",\"authenticationStrength\":{\"id\":\"" + AuthenticationStrength.PHISHING_RESISTANT_ID + "\"}"));
            assertThat(eval(mfa, exchange(ALICE).withMethods(PASSKEY)).enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(eval(mfa, exchange(ALICE).withMethods(PASSWORD_ONLY)).enforced().outcome()).isEqualTo(Outcome.REQUIREMENTS_REMAINING);
            assertThat(eval(strong, exchange(ALICE).withMethods(PUSH_MFA)).enforced().outcome()).isEqualTo(Outcome.REQUIREMENTS_REMAINING);
            assertThat(eval(strong, exchange(ALICE).withMethods(PASSKEY)).enforced().outcome()).isEqualTo(Outcome.GRANTED);
        }

        @Test
        void strengthOrMfaInOnePolicyLetsPushThrough() {
            ConditionalAccessSnapshot s = snapshot(enabled("weakened", ALL_USERS_ALL_APPS, "\"operator\":\"OR\","
                    + "\"builtInControls\":[\"mfa\"],\"authenticationStrength\":{\"id\":\"" + AuthenticationStrength.PHISHING_RESISTANT_ID + "\"}"));
            assertThat(eval(s, exchange(ALICE).withMethods(PUSH_MFA)).enforced().outcome()).isEqualTo(Outcome.GRANTED);
        }

        @Test
        void customStrengthFromTheExportIsJudgedByItsCombinations() {
            ConditionalAccessSnapshot s = snapshot(
                    "{\"@odata.type\":\"#microsoft.graph.authenticationStrengthPolicy\",\"id\":\"custom-1\","
                            + "\"displayName\":\"FIDO2 only\",\"policyType\":\"custom\",\"allowedCombinations\":[\"fido2\"]}",
                    enabled("custom", ALL_USERS_ALL_APPS, "\"operator\":\"OR\",\"authenticationStrength\":{\"id\":\"custom-1\"}"));
            assertThat(s.authenticationStrength("custom-1").orElseThrow().phishingResistant()).isTrue();
            Evaluation e = eval(s, exchange(ALICE).withMethods(Set.of(AuthenticationMethodMode.WINDOWS_HELLO_FOR_BUSINESS)));
            assertThat(e.enforced().remainingRequirements()).extracting(Requirement::describe)
                    .containsExactly("authentication strength \"FIDO2 only\"");
            assertThat(eval(s, exchange(ALICE).withMethods(PASSKEY)).enforced().outcome()).isEqualTo(Outcome.GRANTED);
        }

        @Test
        void windowsHelloCannotSatisfyTheDeviceRegistrationPolicy() {
            ConditionalAccessSnapshot s = snapshot(enabled("join", "\"users\":{\"includeUsers\":[\"All\"]},"
                    + "\"applications\":{\"includeUserActions\":[\"urn:user:registerdevice\"]}", grant("OR", "mfa")));
            SignInScenario join = exchange(ALICE).withTarget(new SignInTarget.Action(UserAction.REGISTER_OR_JOIN_DEVICES));
            assertThat(eval(s, join.withMethods(Set.of(AuthenticationMethodMode.WINDOWS_HELLO_FOR_BUSINESS))).enforced().outcome())
                    .isEqualTo(Outcome.REQUIREMENTS_REMAINING);
            assertThat(eval(s, join.withMethods(PUSH_MFA)).enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(eval(s, exchange(ALICE).withMethods(Set.of(AuthenticationMethodMode.WINDOWS_HELLO_FOR_BUSINESS))
                    .withTarget(new SignInTarget.Action(UserAction.REGISTER_SECURITY_INFORMATION))).applicable()).isEmpty();
        }

        @Test
        void deviceCodeFlowCannotSatisfyCompliantDevice() {
            ConditionalAccessSnapshot s = snapshot(enabled("compliant", ALL_USERS_ALL_APPS, grant("OR", "compliantDevice")));
            SignInScenario compliant = exchange(ALICE).withDevice(DeviceInfo.registered(TrustType.AZURE_AD, true));
            assertThat(eval(s, compliant).enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(eval(s, compliant.withAuthenticationFlow(TransferMethod.DEVICE_CODE_FLOW)).enforced().outcome())
                    .isEqualTo(Outcome.REQUIREMENTS_REMAINING);
        }
    }

    @Nested
    class ReportOnlyAndSessions {
        @Test
        void reportOnlyBlockIsAWouldHaveOutcomeNeverEnforced() {
            ConditionalAccessSnapshot s = snapshot(policy("ro-block", "enabledForReportingButNotEnforced", ALL_USERS_ALL_APPS,
                    grant("OR", "block"), ""), policy("off", "disabled", ALL_USERS_ALL_APPS, grant("OR", "block"), ""));
            Evaluation e = eval(s, exchange(ALICE));
            assertThat(e.enforced().outcome()).isEqualTo(Outcome.GRANTED);
            assertThat(e.withReportOnly().outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(e.decisions().get(0).signInLogResult()).isEqualTo("reportOnlyFailure");
            assertThat(e.decisions().get(1).applicability()).isEqualTo(Applicability.NOT_ENABLED);
            assertThat(e.decisions().get(1).signInLogResult()).isEqualTo("notEnabled");
        }

        @Test
        void reportOnlyUnmetGrantIsInterrupted() {
            ConditionalAccessSnapshot s = snapshot(policy("ro-mfa", "enabledForReportingButNotEnforced", ALL_USERS_ALL_APPS,
                    grant("OR", "mfa"), ""));
            Evaluation e = eval(s, exchange(ALICE));
            assertThat(e.decisions().get(0).signInLogResult()).isEqualTo("reportOnlyInterrupted");
            assertThat(e.enforced().pending()).isEmpty();
            assertThat(e.withReportOnly().pending()).hasSize(1);
        }

        @Test
        void strictestSessionControlsWinAcrossPolicies() {
            ConditionalAccessSnapshot s = snapshot(
                    policy("a", "enabled", ALL_USERS_ALL_APPS, "", "\"signInFrequency\":{\"isEnabled\":true,\"value\":7,\"type\":\"days\"},"
                            + "\"persistentBrowser\":{\"isEnabled\":true,\"mode\":\"always\"},\"continuousAccessEvaluation\":{\"mode\":\"strictEnforcement\"}"),
                    policy("b", "enabled", ALL_USERS_ALL_APPS, "", "\"signInFrequency\":{\"isEnabled\":true,\"value\":4,\"type\":\"hours\"},"
                            + "\"persistentBrowser\":{\"isEnabled\":true,\"mode\":\"never\"},\"continuousAccessEvaluation\":{\"mode\":\"strictLocation\"},"
                            + "\"secureSignInSession\":{\"isEnabled\":true}"),
                    policy("c", "enabledForReportingButNotEnforced", ALL_USERS_ALL_APPS, "",
                            "\"signInFrequency\":{\"isEnabled\":true,\"frequencyInterval\":\"everyTime\"}"));
            Evaluation e = eval(s, exchange(ALICE));
            var session = e.enforced().session();
            assertThat(session.signInFrequency().orElseThrow().period()).contains(Duration.ofHours(4));
            assertThat(session.persistentBrowser()).contains(PersistentBrowserMode.NEVER);
            assertThat(session.continuousAccessEvaluation()).contains(ContinuousAccessEvaluationMode.STRICT_LOCATION);
            assertThat(session.tokenProtection()).isTrue();
            assertThat(e.withReportOnly().session().signInFrequency().orElseThrow().everyTime()).isTrue();
        }
    }

    static InetAddress ip(String literal) {
        return IpRange.literal(literal).orElseThrow();
    }
}

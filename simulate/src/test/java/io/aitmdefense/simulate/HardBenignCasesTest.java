package io.aitmdefense.simulate;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.IpAddress;
import io.aitmdefense.events.OfficeActivity;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.DirectoryAudit;
import io.aitmdefense.simulate.activity.HardCases;
import io.aitmdefense.simulate.tenant.Network;
import io.aitmdefense.simulate.tenant.Networks;
import io.aitmdefense.simulate.truth.CampaignTruth;
import io.aitmdefense.simulate.truth.VictimTruth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The benign traffic contains the look-alikes of attacks that a detector must not flag. */
class HardBenignCasesTest {
    @TempDir
    static Path dir;
    static GeneratedTenant tenant;
    static List<SignIn> benign;
    static Set<String> victims;

    @BeforeAll
    static void generate() throws Exception {
        tenant = GeneratedTenant.generate(new SimulationSpec(80, 3, 21, 2, List.of(OutputFormat.LOG_ANALYTICS), dir,
                SimulationSpec.DEFAULT_START, false, SimulationSpec.DEFAULT_DOMAIN));
        victims = new HashSet<>();
        for (CampaignTruth c : tenant.report().truth().campaigns()) {
            for (VictimTruth v : c.victims()) victims.add(v.userPrincipalName());
        }
        Set<String> attackerIps = new HashSet<>();
        tenant.report().truth().campaigns().forEach(c -> attackerIps.addAll(c.infrastructure().ips()));
        benign = tenant.signIns().stream().filter(s -> !attackerIps.contains(s.ip())).toList();
    }

    @Test
    void dualStackSessionsAlternateIpv4AndIpv6OfOneIsp() {
        boolean found = sessions().values().stream().anyMatch(rows -> {
            Set<Integer> asns = new HashSet<>();
            boolean v4 = false, v6 = false;
            for (SignIn s : rows) {
                asns.add(s.asn());
                if (IpAddress.isV6(s.ip())) v6 = true;
                else v4 = true;
            }
            return v4 && v6 && asns.size() == 1;
        });
        assertThat(found).isTrue();
    }

    @Test
    void corporateEgressIsZscalerInATrustedNamedLocationWithSeveralAddresses() {
        List<SignIn> sase = benign.stream().filter(s -> s.asn() == 53813).toList();
        assertThat(sase).isNotEmpty().allSatisfy(s -> {
            assertThat(s.trustedLocation()).isTrue();
            assertThat(s.ip()).startsWith("165.225.");
        });
        boolean hops = sessions().values().stream().anyMatch(rows -> rows.stream().allMatch(s -> s.asn() == 53813)
                && rows.stream().map(SignIn::ip).distinct().count() > 1);
        assertThat(hops).as("a session hops between Zscaler egress addresses").isTrue();
    }

    @Test
    void mobileSessionsHopAddressesInsideTheCarrierAndBetweenWifiAndCellular() {
        Set<Integer> carriers = Set.of(21928, 22394, 3320);
        boolean cgnat = false, wifi = false;
        for (List<SignIn> rows : sessions().values()) {
            Set<String> ips = new HashSet<>();
            Set<Integer> asns = new HashSet<>();
            Set<String> agents = new HashSet<>();
            for (SignIn s : rows) {
                ips.add(s.ip());
                asns.add(s.asn());
                agents.add(s.userAgent());
            }
            if (asns.size() == 1 && carriers.containsAll(asns) && ips.size() >= 3) cgnat = true;
            if (asns.size() >= 2 && agents.size() == 1 && rows.get(0).userAgent().startsWith("Outlook-")) wifi = true;
        }
        assertThat(cgnat).as("CGNAT address changes in one carrier session").isTrue();
        assertThat(wifi).as("Wi-Fi ↔ cellular ASN change in one session, same client").isTrue();
    }

    @Test
    void someBenignRefreshesComeFromMicrosoftAndSomeUsersWorkFromVdiInACloudAsn() {
        assertThat(benign).anySatisfy(s -> {
            assertThat(s.asn()).isEqualTo(8075);
            assertThat(s.interactive()).isFalse();
        });
        assertThat(benign).anySatisfy(s -> {
            assertThat(s.asn()).isEqualTo(16509);
            assertThat(s.namedLocations()).contains("AWS WorkSpaces VDI egress");
            assertThat(s.trustedLocation()).isFalse();
        });
    }

    @Test
    void nonVictimsPlantLegitimateRulesConsentsAndMfaMethodsAndGetFalsePositiveRisk() {
        List<Artifact> artifacts = new ArrayList<>();
        boolean risk = false;
        for (Event e : tenant.events()) {
            if (victims.contains(e.user())) continue;
            if (e instanceof OfficeActivity o) o.artifact().ifPresent(artifacts::add);
            if (e instanceof DirectoryAudit a) a.artifact().ifPresent(artifacts::add);
            if (e instanceof RiskDetection r && r.riskEventType().equals("unfamiliarFeatures")) risk = true;
        }
        assertThat(artifacts).hasAtLeastOneElementOfType(Artifact.InboxRule.class);
        assertThat(artifacts).filteredOn(a -> a instanceof Artifact.AppConsent c && c.scopes().contains("offline_access")).isNotEmpty();
        assertThat(artifacts).hasAtLeastOneElementOfType(Artifact.MfaMethodChange.class);
        assertThat(artifacts).hasAtLeastOneElementOfType(Artifact.DeviceRegistration.class);
        assertThat(risk).isTrue();
        assertThat(tenant.report().truth().benign().hardCases()).containsKeys(HardCases.DUAL_STACK_SESSIONS,
                HardCases.CGNAT_HOPS, HardCases.SASE_TRUSTED_SIGN_INS, HardCases.MICROSOFT_INFRA_SIGN_INS);
    }

    @Test
    void theBenignTwinsOfThePrecisionCasesArePresentInTheirRealShapes() {
        Map<String, Long> hard = tenant.report().truth().benign().hardCases();
        assertThat(hard).containsKeys(HardCases.CLI_HAND_OFFS, HardCases.THIRD_PARTY_APP_REFRESHES);
        // Azure CLI in WSL (Linux) rides a browser session of the user on the same network; the laptop's own Azure CLI
        // trading a family token for ARM and Key Vault (another hard case) is on Windows
        Map<String, List<SignIn>> sessions = sessions();
        assertThat(benign).filteredOn(s -> s.appId().equals("04b07795-8ddb-461a-bbee-02f9e1bf7b46")
                        && s.device().operatingSystem().startsWith("Linux")).isNotEmpty()
                .allSatisfy(cli -> {
                    assertThat(cli.userAgent()).startsWith("python-requests/");
                    assertThat(sessions.get(cli.sessionId())).anySatisfy(browser -> {
                        assertThat(browser.appId()).isNotEqualTo(cli.appId());
                        assertThat(browser.asn()).isEqualTo(cli.asn());
                    });
                });
        // the CRM integration refreshes from AWS, non-interactively, on several days for one user
        Map<String, Set<Long>> days = new HashMap<>();
        for (SignIn s : benign) {
            if (!s.appId().equals("3c8d6b9e-7f2a-4b51-9e0d-5a6c1f2b8e47")) continue;
            assertThat(s.interactive()).isFalse();
            assertThat(s.asn()).isEqualTo(14618);
            days.computeIfAbsent(s.userPrincipalName(), u -> new HashSet<>()).add(s.time().getEpochSecond() / 86_400);
        }
        assertThat(days.values()).anySatisfy(d -> assertThat(d).hasSizeGreaterThan(1));
    }

    @Test
    void everySignInAddressLiesInARealPrefixOfTheAsnTheRowNames() {
        for (SignIn s : tenant.signIns()) {
            boolean ok = false;
            for (Network n : Networks.ALL) ok |= n.asn() == s.asn() && Networks.contains(n, s.ip());
            assertThat(ok).as("%s AS%d", s.ip(), s.asn()).isTrue();
        }
    }

    @Test
    void everyPersonaIsPresent() {
        assertThat(tenant.report().truth().benign().personas()).hasSize(7).allSatisfy((k, v) -> assertThat(v).isPositive());
        assertThat(tenant.report().truth().benign().users()).hasSize(80);
    }

    private static Map<String, List<SignIn>> sessions() {
        Map<String, List<SignIn>> m = new HashMap<>();
        for (SignIn s : benign) m.computeIfAbsent(s.sessionId(), k -> new ArrayList<>()).add(s);
        return m;
    }
}

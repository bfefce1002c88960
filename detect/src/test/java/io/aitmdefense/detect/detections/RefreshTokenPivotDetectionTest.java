package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents.SignInBuilder;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenPivotDetectionTest {
    static final String OFFICE = "d3590ed6-52b3-4102-aeff-aad2292ab01c", TEAMS = "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
            AZ_CLI = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
    static final String GRAPH = "00000003-0000-0000-c000-000000000000", EXCHANGE = "00000002-0000-0ff1-ce00-000000000000",
            SHAREPOINT = "00000003-0000-0ff1-ce00-000000000000", ARM = "797f4846-ba00-4fd7-ba43-dac1f8f63013",
            KEY_VAULT = "cfa8b339-82a2-471a-a3c9-0fc0be7a4093", MGMT = "c5393580-f805-4401-95e8-94b7a6ef2fc2";

    static List<Alert> run(List<Event> events) {
        return DetectionHarness.of(new RefreshTokenPivotDetection(DetectConfig.defaults())).run(events);
    }

    static SignInBuilder refresh(String at, String app, String appName, String resource, String resourceName) {
        return signIn().at(at).nonInteractive().app(app, appName).resource(resource, resourceName).satisfiedByToken()
                .unmanagedDevice("Windows 10", "");
    }

    /** Yesterday at home: Office and Teams refreshing their usual resources. */
    static List<Event> yesterday() {
        List<Event> out = new ArrayList<>();
        out.add(refresh("2025-03-03T08:00:00Z", OFFICE, "Microsoft Office", GRAPH, "Microsoft Graph").ip("73.22.10.5").asn(7922).build());
        out.add(refresh("2025-03-03T08:01:00Z", OFFICE, "Microsoft Office", EXCHANGE, "Office 365 Exchange Online").ip("73.22.10.5").asn(7922).build());
        out.add(refresh("2025-03-03T08:02:00Z", TEAMS, "Microsoft Teams", SHAREPOINT, "Office 365 SharePoint Online").ip("73.22.10.5").asn(7922).build());
        return out;
    }

    @Test
    void aFamilyTokenTradedForArmAndKeyVaultFromANewNetworkIsHigh() {
        List<Event> events = new ArrayList<>(yesterday());
        events.add(refresh("2025-03-04T10:00:00Z", OFFICE, "Microsoft Office", GRAPH, "Microsoft Graph").ip("203.0.113.10").asn(14061).userAgent("python-requests/2.32.3").build());
        events.add(refresh("2025-03-04T10:02:00Z", TEAMS, "Microsoft Teams", EXCHANGE, "Office 365 Exchange Online").ip("203.0.113.10").asn(14061).build());
        events.add(refresh("2025-03-04T10:04:00Z", AZ_CLI, "Microsoft Azure CLI", ARM, "Windows Azure Service Management API").ip("203.0.113.10").asn(14061).build());
        events.add(refresh("2025-03-04T10:06:00Z", AZ_CLI, "Microsoft Azure CLI", KEY_VAULT, "Azure Key Vault").ip("203.0.113.10").asn(14061).build());

        List<Alert> alerts = run(events);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.detectionId()).isEqualTo("refresh-token-pivot");
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.explanation()).contains("4 non-interactive sign-ins").contains("reached 4 resources")
                    .contains("Windows Azure Service Management API, Azure Key Vault new for the user");
            assertThat(a.evidence()).hasSize(4);
            assertThat(a.infrastructure().ips()).containsExactly("203.0.113.10");
            assertThat(a.infrastructure().userAgents()).contains("python-requests/2.32.3");
        });
        DetectionHarness.of(new RefreshTokenPivotDetection(DetectConfig.defaults()))
                .assertArrivalOrderDoesNotMatter(events, 11, Duration.ofHours(1), DetectionHarness.sorted(alerts));
    }

    @Test
    void aNewResourceOutsideAzureFromANewResidentialNetworkIsMedium() {
        List<Event> events = new ArrayList<>(yesterday());
        events.add(refresh("2025-03-04T10:00:00Z", OFFICE, "Microsoft Office", GRAPH, "Microsoft Graph").ip("91.64.1.20").asn(3320).build());
        events.add(refresh("2025-03-04T10:01:00Z", TEAMS, "Microsoft Teams", EXCHANGE, "Office 365 Exchange Online").ip("91.64.1.20").asn(3320).build());
        events.add(refresh("2025-03-04T10:03:00Z", OFFICE, "Microsoft Office", MGMT, "Office 365 Management APIs").ip("91.64.1.20").asn(3320).build());

        assertThat(run(events)).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.MEDIUM));
    }

    @Test
    void aTravellersUsualAppsRefreshingOnAHotelNetworkReachNoNewResource() {
        List<Event> events = new ArrayList<>(yesterday());
        events.add(refresh("2025-03-04T10:00:00Z", OFFICE, "Microsoft Office", GRAPH, "Microsoft Graph").ip("91.64.1.20").asn(3320).build());
        events.add(refresh("2025-03-04T10:01:00Z", OFFICE, "Microsoft Office", EXCHANGE, "Office 365 Exchange Online").ip("91.64.1.20").asn(3320).build());
        events.add(refresh("2025-03-04T10:02:00Z", TEAMS, "Microsoft Teams", SHAREPOINT, "Office 365 SharePoint Online").ip("91.64.1.20").asn(3320).build());

        assertThat(run(events)).isEmpty();
    }

    @Test
    void anAdminsAzureCliAtHomeIsNotANewNetwork() {
        List<Event> events = new ArrayList<>(yesterday());
        events.add(refresh("2025-03-04T10:00:00Z", AZ_CLI, "Microsoft Azure CLI", ARM, "Windows Azure Service Management API").ip("73.22.10.9").asn(7922).build());
        events.add(refresh("2025-03-04T10:01:00Z", AZ_CLI, "Microsoft Azure CLI", KEY_VAULT, "Azure Key Vault").ip("73.22.10.9").asn(7922).build());
        events.add(refresh("2025-03-04T10:02:00Z", AZ_CLI, "Microsoft Azure CLI", GRAPH, "Microsoft Graph").ip("73.22.10.9").asn(7922).build());

        assertThat(run(events)).isEmpty();
    }

    @Test
    void fewerResourcesThanTheThresholdAreNotAPivot() {
        List<Event> events = new ArrayList<>(yesterday());
        events.add(refresh("2025-03-04T10:00:00Z", AZ_CLI, "Microsoft Azure CLI", ARM, "Windows Azure Service Management API").ip("203.0.113.10").asn(14061).build());
        events.add(refresh("2025-03-04T10:30:00Z", AZ_CLI, "Microsoft Azure CLI", KEY_VAULT, "Azure Key Vault").ip("203.0.113.10").asn(14061).build());

        assertThat(run(events)).isEmpty();
    }
}

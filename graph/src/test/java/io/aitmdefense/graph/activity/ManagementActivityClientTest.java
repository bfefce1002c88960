package io.aitmdefense.graph.activity;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.config.Credential;
import io.aitmdefense.graph.http.ApiException;
import io.aitmdefense.graph.http.PagingException;
import io.aitmdefense.graph.testkit.LocalMicrosoft;
import io.aitmdefense.graph.testkit.RecordedRequest;
import io.aitmdefense.graph.testkit.RecordingSleeper;
import io.aitmdefense.graph.testkit.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagementActivityClientTest {
    static final String FEED = "/api/v1.0/" + LocalMicrosoft.TENANT + "/activity/feed";

    @TempDir
    Path dir;
    LocalMicrosoft ms;
    RecordingSleeper sleeper = new RecordingSleeper();
    ManagementActivityClient api;

    @BeforeEach
    void start() throws Exception {
        ms = LocalMicrosoft.start();
        ms.registerSecret(LocalMicrosoft.CLIENT_ID, "mgmt-secret");
        Path secret = Files.writeString(dir.resolve("secret"), "mgmt-secret");
        MicrosoftClients clients = ms.clients(ms.settings(new Credential.ClientSecret(secret))).sleeper(sleeper).build();
        api = clients.management();
    }

    @AfterEach
    void stop() {
        ms.close();
    }

    @Test
    void startingASubscriptionAlreadyEnabledIsSuccess() {
        ms.script("POST", FEED + "/subscriptions/start", Reply.sample(200, "mgmt-subscriptions-start.json"),
                Reply.json(400, "{\"error\":{\"code\":\"AF20024\",\"message\":\"The subscription is already enabled. No property change.\"}}"));

        Subscription first = api.start("Audit.SharePoint");
        Subscription again = api.start("Audit.SharePoint");

        assertThat(first.enabled()).isTrue();
        assertThat(first.webhook().path("authId").asText()).isEqualTo("o365activityapinotification");
        assertThat(again).isEqualTo(new Subscription("Audit.SharePoint", "enabled", com.fasterxml.jackson.databind.node.NullNode.getInstance()));
        RecordedRequest call = ms.requests("POST", FEED + "/subscriptions/start").get(0);
        assertThat(call.param("contentType")).contains("Audit.SharePoint");
        assertThat(call.param("PublisherIdentifier")).contains(LocalMicrosoft.TENANT);
        assertThat(ms.tokenRequests().get(0).body()).contains("https%3A%2F%2Fmanage.office.com%2F.default");
    }

    @Test
    void stoppingPostsToStop() {
        ms.script("POST", FEED + "/subscriptions/stop", new Reply(200, java.util.Map.of(), ""));
        api.stop("Audit.Exchange");
        assertThat(ms.requests("POST", FEED + "/subscriptions/stop")).singleElement()
                .satisfies(r -> assertThat(r.param("contentType")).contains("Audit.Exchange"));
    }

    @Test
    void otherErrorsKeepTheirAfCode() {
        ms.script("GET", FEED + "/subscriptions/list", Reply.json(400, "{\"error\":{\"code\":\"AF20022\",\"message\":\"No subscription found for the specified content type.\"}}"));
        assertThatThrownBy(() -> api.list()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("AF20022");
            assertThat(e.getMessage()).contains("400 AF20022: No subscription found for the specified content type.");
        });
    }

    @Test
    void listsSubscriptionsIncludingOnesWithoutWebhook() {
        ms.script("GET", FEED + "/subscriptions/list", Reply.sample(200, "mgmt-subscriptions-list.json"));

        List<Subscription> subs = api.list();

        assertThat(subs).extracting(Subscription::contentType).containsExactly("Audit.SharePoint", "Audit.Exchange");
        assertThat(subs.get(1).enabled()).isFalse();
        assertThat(subs.get(1).webhook().isNull()).isTrue();
    }

    /** Two pages: the first announces the second in the NextPageUri header (as in the reference's Pagination section). */
    @Test
    void contentIsListedAcrossNextPageUriAndABlobIsFetched() throws Exception {
        String listed = Files.readString(Reply.SAMPLES.resolve("mgmt-content-list.json"))
                .replace("https://manage.office.com/api/v1.0/f28ab78a-d401-4060-8012-736e373933eb", ms.baseUri() + FEED.replace("/activity/feed", ""));
        ms.on("GET", FEED + "/subscriptions/content", r -> {
            if (r.param("nextPage").isPresent()) return Reply.json(200, listed.replace("$04", "$05"));
            return Reply.json(200, listed).withHeader("NextPageUri", ms.baseUri() + FEED
                    + "/subscriptions/content?contentType=Audit.SharePoint&startTime=2015-05-23T00:00:00&endTime=2015-05-24T00:00:00&nextPage=2015101900R022885001761");
        });
        ms.script("GET", FEED + "/audit/*", Reply.sample(200, "mgmt-content-blob.json"));

        List<ContentBlob> blobs = api.content("Audit.SharePoint", Instant.parse("2015-05-23T00:00:00Z"), Instant.parse("2015-05-24T00:00:00Z"));

        assertThat(blobs).hasSize(2);
        assertThat(blobs).extracting(ContentBlob::contentId).allMatch(id -> id.startsWith("492638008028$492638008028$"));
        assertThat(blobs.get(0).contentCreated()).isEqualTo("2015-05-23T17:35:00.000Z");
        List<RecordedRequest> pages = ms.requests("GET", FEED + "/subscriptions/content");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).param("startTime")).contains("2015-05-23T00:00:00");
        assertThat(pages.get(0).param("endTime")).contains("2015-05-24T00:00:00");
        assertThat(pages.get(1).param("nextPage")).contains("2015101900R022885001761");
        assertThat(pages).allSatisfy(p -> assertThat(p.param("PublisherIdentifier")).contains(LocalMicrosoft.TENANT));

        JsonNode records = api.fetch(blobs.get(0));
        assertThat(records.isArray()).isTrue();
        assertThat(records).extracting(n -> n.path("Operation").asText())
                .containsExactly("PasswordLogonInitialAuthUsingPassword", "PasswordLogonInitialAuthUsingPassword", "Add User.");
        RecordedRequest fetch = ms.requests().stream().filter(r -> r.path().startsWith(FEED + "/audit/")).findFirst().orElseThrow();
        assertThat(fetch.param("PublisherIdentifier")).contains(LocalMicrosoft.TENANT);
        assertThat(ms.writes()).isEmpty();
    }

    @Test
    void af429SentAs403IsThrottlingAndRetried() {
        ms.script("GET", FEED + "/audit/*", Reply.sample(403, "mgmt-error-af429.json"), Reply.sample(200, "mgmt-content-blob.json"));
        ContentBlob blob = new ContentBlob("Audit.AzureActiveDirectory", "x", URI.create(ms.baseUri() + FEED + "/audit/x"), "", "");

        assertThat(api.fetch(blob).size()).isEqualTo(3);
        assertThat(sleeper.waits()).hasSize(1);
    }

    @Test
    void aBlobUriOnAnotherHostIsNotFetchedWithOurToken() {
        ContentBlob foreign = new ContentBlob("Audit.SharePoint", "x", URI.create("https://manage.office.com" + FEED + "/audit/x"), "", "");
        assertThatThrownBy(() -> api.fetch(foreign)).isInstanceOf(PagingException.class).hasMessageContaining("not following it with our token");
    }

    @Test
    void aWindowOverTwentyFourHoursIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> api.content("Audit.Exchange", Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-02T00:00:01Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 24 hours apart");
        assertThat(ms.requests()).isEmpty();
    }
}

package io.aitmdefense.graph.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.aitmdefense.graph.http.ApiException;
import io.aitmdefense.graph.http.ApiRequest;
import io.aitmdefense.graph.http.ApiResponse;
import io.aitmdefense.graph.http.MicrosoftHttp;
import io.aitmdefense.graph.http.NextLinks;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Office 365 Management Activity API ({@code {management}/api/v1.0/{tenantId}/activity/feed/…}): subscriptions,
 * the content list (paged by the {@code NextPageUri} response header) and the content blobs, each a JSON array of
 * unified audit log records. {@code PublisherIdentifier} goes on every request, blob fetches included, to get the
 * tenant's own throttling quota. Errors carry {@code AFxxxxx} codes; {@code AF429} (sent with HTTP 403) is throttling.
 */
public final class ManagementActivityClient {
    /** "The subscription is already enabled": starting twice is not an error for us. */
    static final String ALREADY_ENABLED = "AF20024";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_PAGES = 10_000;

    private final MicrosoftHttp http;
    private final URI endpoint;
    private final String tenantId;
    private final String scope;
    private final String publisher;

    public ManagementActivityClient(MicrosoftHttp http, URI endpoint, String tenantId, String scope, String publisher) {
        this.http = http;
        this.endpoint = endpoint;
        this.tenantId = tenantId;
        this.scope = scope;
        this.publisher = publisher;
    }

    /**
     * Starts the subscription for a content type ({@code Audit.Exchange}, {@code Audit.AzureActiveDirectory}, …);
     * one that is already enabled ({@code AF20024}) counts as started. Content can take up to 12 hours to appear.
     */
    public Subscription start(String contentType) {
        ApiRequest r = ApiRequest.of("POST", feed("subscriptions/start", "contentType=" + enc(contentType)), scope,
                Map.of(), Optional.empty()).withIdempotent(true);
        try {
            return Subscription.of(http.send(r).json());
        } catch (ApiException e) {
            if (ALREADY_ENABLED.equals(e.code())) return new Subscription(contentType, "enabled", NullNode.getInstance());
            throw e;
        }
    }

    /** Stops a subscription. Content created between a stop and the next start is lost for good. */
    public void stop(String contentType) {
        http.send(ApiRequest.of("POST", feed("subscriptions/stop", "contentType=" + enc(contentType)), scope, Map.of(),
                Optional.empty()).withIdempotent(true));
    }

    public List<Subscription> list() {
        JsonNode body = http.send(get(feed("subscriptions/list", null))).json();
        List<Subscription> out = new ArrayList<>();
        body.forEach(n -> out.add(Subscription.of(n)));
        return out;
    }

    /**
     * The blobs created in {@code [start, end)} for a content type, every page. The service allows a window of at
     * most 24 hours starting no more than 7 days ago; a longer window is refused here before any call.
     */
    public List<ContentBlob> content(String contentType, Instant start, Instant end) {
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("content window " + start + " .. " + end
                    + ": the Management Activity API wants an end after the start, at most 24 hours apart");
        }
        URI url = feed("subscriptions/content", "contentType=" + enc(contentType) + "&startTime=" + TIME.format(start)
                + "&endTime=" + TIME.format(end));
        NextLinks links = new NextLinks(endpoint, MAX_PAGES, "content " + contentType);
        List<ContentBlob> out = new ArrayList<>();
        while (true) {
            links.visit(url);
            ApiResponse response = http.send(get(url));
            for (JsonNode n : response.json()) {
                out.add(new ContentBlob(n.path("contentType").asText(), n.path("contentId").asText(),
                        URI.create(n.path("contentUri").asText()), n.path("contentCreated").asText(),
                        n.path("contentExpiration").asText()));
            }
            // the reference names the header NextPageUri; its troubleshooting page says NextPageUrl
            Optional<String> next = response.header("NextPageUri").or(() -> response.header("NextPageUrl"));
            if (next.isEmpty() || next.get().isBlank()) return out;
            url = withPublisher(links.next(next.get()));
        }
    }

    /** The audit records of one blob, as the JSON array the service returns. */
    public JsonNode fetch(ContentBlob blob) {
        NextLinks guard = new NextLinks(endpoint, 1, "content blob " + blob.contentId());
        return http.send(get(withPublisher(guard.next(blob.contentUri().toString())))).json();
    }

    private ApiRequest get(URI url) {
        return ApiRequest.of("GET", url, scope, Map.of(), Optional.empty());
    }

    private URI feed(String operation, String query) {
        return withPublisher(URI.create(endpoint + "/api/v1.0/" + tenantId + "/activity/feed/" + operation
                + (query == null ? "" : "?" + query)));
    }

    private URI withPublisher(URI u) {
        String q = u.getRawQuery();
        if (q != null && q.contains("PublisherIdentifier=")) return u;
        return URI.create(u + (q == null ? "?" : "&") + "PublisherIdentifier=" + enc(publisher));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package io.aitmdefense.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.graph.http.ApiRequest;
import io.aitmdefense.graph.http.ApiResponse;
import io.aitmdefense.graph.http.MicrosoftHttp;
import io.aitmdefense.graph.http.NextLinks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Microsoft Graph over one API version ({@code v1.0} or {@code beta}): JSON calls, paging and JSON batching.
 * Retries, throttling and errors are {@link MicrosoftHttp}'s.
 */
public final class GraphClient {
    static final ObjectMapper JSON = new ObjectMapper();
    /** 10,000 pages of $top=999 is ten million objects: beyond any per-incident read. */
    static final int DEFAULT_MAX_PAGES = 10_000;

    private final MicrosoftHttp http;
    private final URI endpoint;
    private final String version;
    private final String scope;
    private final int maxPages;

    public GraphClient(MicrosoftHttp http, URI endpoint, String version, String scope, int maxPages) {
        this.http = http;
        this.endpoint = endpoint;
        this.version = version;
        this.scope = scope;
        this.maxPages = maxPages;
    }

    /** The same client on the beta API (non-interactive sign-ins, some Identity Protection reads). */
    public GraphClient beta() {
        return new GraphClient(http, endpoint, "beta", scope, maxPages);
    }

    public GraphClient withMaxPages(int pages) {
        return new GraphClient(http, endpoint, version, scope, pages);
    }

    public String version() {
        return version;
    }

    public ApiResponse get(String path) {
        return send(GraphRequest.get(path));
    }

    public ApiResponse post(String path, JsonNode body) {
        return send(GraphRequest.post(path, body));
    }

    public ApiResponse patch(String path, JsonNode body) {
        return send(GraphRequest.patch(path, body));
    }

    public ApiResponse delete(String path) {
        return send(GraphRequest.delete(path));
    }

    /**
     * Writes a stream property (a branding image or CSS file) with {@code PUT}: the body is the file itself, of
     * {@code contentType}, not JSON. Repeating it is harmless.
     */
    public ApiResponse putStream(String path, String contentType, String content) {
        return http.send(ApiRequest.of("PUT", url(path), scope, Map.of("Content-Type", contentType), Optional.of(content)));
    }

    /** @throws io.aitmdefense.graph.http.ApiException for a non-2xx answer after the allowed retries */
    public ApiResponse send(GraphRequest r) {
        return http.send(toApi(r, url(r.pathAndQuery())));
    }

    /**
     * Reads every page of a collection, handing each page's body to {@code page} as it arrives. Follows
     * {@code @odata.nextLink} verbatim, resending the request's headers (ConsistencyLevel) on every page.
     *
     * @return the number of pages read
     * @throws io.aitmdefense.graph.http.PagingException when a next link repeats, leaves the Graph host, or the cap is hit
     */
    public int pages(GraphRequest first, Consumer<JsonNode> page) {
        NextLinks links = new NextLinks(endpoint, maxPages, first.method() + " " + first.path());
        URI url = url(first.pathAndQuery());
        while (true) {
            links.visit(url);
            JsonNode body = http.send(toApi(first, url)).json();
            page.accept(body);
            JsonNode next = body.path("@odata.nextLink");
            if (!next.isTextual() || next.asText().isEmpty()) return links.pages();
            url = links.next(next.asText());
        }
    }

    /**
     * One page of a collection, for a reader that keeps its place between pages (a live poller persists each page's
     * {@code @odata.nextLink} so a restart resumes mid-window): the first page of {@code first} when {@code nextLink} is
     * empty, else the page the stored link names, with {@code first}'s headers. The link must stay on this Graph host.
     */
    public JsonNode page(GraphRequest first, Optional<String> nextLink) {
        URI url = nextLink.isPresent()
                ? new NextLinks(endpoint, 1, first.method() + " " + first.path()).next(nextLink.get())
                : url(first.pathAndQuery());
        return http.send(toApi(first, url)).json();
    }

    /** Every item of every page's {@code value}. */
    public List<JsonNode> list(GraphRequest first) {
        List<JsonNode> out = new ArrayList<>();
        pages(first, body -> body.path("value").forEach(out::add));
        return out;
    }

    /**
     * Runs the items as JSON batches of at most 20 ({@code POST /$batch}), items that depend on each other kept in
     * one batch. Items come back in any order and are matched by id; each item has its own status. Throttled items
     * (429 with their own Retry-After), and other items the retry rule allows, are sent again by themselves together
     * with the items that failed 424 only because of them; nothing else is repeated.
     *
     * @return one result per item, in the order given
     */
    public List<BatchResult> batch(List<BatchItem> items) {
        return new Batch(this, items).run();
    }

    /** Sends one {@code $batch} envelope and returns its {@code responses} array. */
    ArrayNode sendBatch(List<BatchItem> items) {
        ObjectNode envelope = JSON.createObjectNode();
        ArrayNode requests = envelope.putArray("requests");
        for (BatchItem it : items) {
            ObjectNode r = requests.addObject();
            r.put("id", it.id());
            r.put("method", it.method());
            r.put("url", it.url());
            if (!it.dependsOn().isEmpty()) {
                ArrayNode d = r.putArray("dependsOn");
                it.dependsOn().forEach(d::add);
            }
            ObjectNode headers = JSON.createObjectNode();
            it.headers().forEach(headers::put);
            if (it.body().isPresent()) {
                r.set("body", it.body().get());
                if (!headers.has("Content-Type")) headers.put("Content-Type", "application/json");
            }
            if (!headers.isEmpty()) r.set("headers", headers);
        }
        JsonNode responses = post("/$batch", envelope).json().path("responses");
        return responses.isArray() ? (ArrayNode) responses : JSON.createArrayNode();
    }

    MicrosoftHttp http() {
        return http;
    }

    ApiRequest itemAsRequest(BatchItem item) {
        return ApiRequest.of(item.method(), url(item.url().startsWith("/") ? item.url() : "/" + item.url()), scope,
                item.headers(), Optional.empty());
    }

    private ApiRequest toApi(GraphRequest r, URI url) {
        Optional<String> body = r.body().map(JsonNode::toString);
        ApiRequest a = ApiRequest.of(r.method(), url, scope, r.headers(), body);
        return r.idempotent().map(a::withIdempotent).orElse(a);
    }

    private URI url(String pathAndQuery) {
        return URI.create(endpoint + "/" + version + pathAndQuery);
    }
}

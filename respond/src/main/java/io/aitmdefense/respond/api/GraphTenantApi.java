package io.aitmdefense.respond.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.graph.BatchItem;
import io.aitmdefense.graph.BatchResult;
import io.aitmdefense.graph.GraphClient;
import io.aitmdefense.graph.GraphRequest;
import io.aitmdefense.graph.MicrosoftClients;
import io.aitmdefense.graph.exchange.CmdletResult;
import io.aitmdefense.graph.http.ApiError;
import io.aitmdefense.graph.http.ApiException;
import io.aitmdefense.graph.http.ApiResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The playbook's calls through the {@code graph} module's clients, which own tokens, retries and batching. Errors
 * become {@link Reply}s: an action judges a 404 or a 403 itself.
 */
public final class GraphTenantApi implements TenantApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Identity Protection and Conditional Access allow one request per second per tenant and answer 429 without
     *  Retry-After beyond it; a tenth more keeps a late-scheduled earlier call from landing inside the same second. */
    private static final long ONE_PER_SECOND_GAP_NANOS = 1_100_000_000L;

    private final MicrosoftClients clients;
    private final boolean exchange;
    private long lastPaced = System.nanoTime() - ONE_PER_SECOND_GAP_NANOS;

    /** @param exchange whether the app may run Exchange cmdlets (Exchange.ManageAsApp and an Exchange role) */
    public GraphTenantApi(MicrosoftClients clients, boolean exchange) {
        this.clients = clients;
        this.exchange = exchange;
    }

    @Override
    public boolean exchange() {
        return exchange;
    }

    @Override
    public Reply call(Call call) {
        return call.service() == Service.EXCHANGE ? cmdlet(call) : graph(call);
    }

    /** v1.0 reads go out as JSON batches (the client splits, retries throttled items and reports 424s); the rest one by one. */
    @Override
    public List<Reply> batch(List<Call> calls) {
        List<Reply> replies = new ArrayList<>(java.util.Collections.nCopies(calls.size(), (Reply) null));
        List<BatchItem> items = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            if (c.service() == Service.GRAPH && c.method().equals("GET") && c.path().startsWith("/v1.0/")
                    && !oncePerSecond(c)) {
                items.add(BatchItem.get(String.valueOf(items.size() + 1), c.path().substring("/v1.0".length())));
                where.add(i);
            } else {
                replies.set(i, call(c));
            }
        }
        if (!items.isEmpty()) {
            List<BatchResult> results;
            try {
                results = clients.graph().batch(items);
            } catch (ApiException e) {
                Reply failed = reply(e);
                where.forEach(i -> replies.set(i, failed));
                return replies;
            }
            for (int k = 0; k < results.size(); k++) replies.set(where.get(k), reply(results.get(k)));
        }
        return replies;
    }

    private static boolean oncePerSecond(Call c) {
        return c.path().contains("/identityProtection/") || c.path().contains("/identity/conditionalAccess/");
    }

    /** Spaces Identity Protection and Conditional Access calls a second apart: shorter than a 429 and a blind backoff. */
    private synchronized void paceOncePerSecond() {
        long wait = lastPaced + ONE_PER_SECOND_GAP_NANOS - System.nanoTime();
        if (wait > 0) clients.http().pause(java.time.Duration.ofNanos(wait));
        lastPaced = System.nanoTime();
    }

    private Reply graph(Call call) {
        if (oncePerSecond(call)) paceOncePerSecond();
        GraphClient client = clients.graph();
        String path = call.path();
        if (path.startsWith("/beta/")) {
            client = client.beta();
            path = path.substring("/beta".length());
        } else if (path.startsWith("/v1.0/")) {
            path = path.substring("/v1.0".length());
        }
        GraphRequest r = new GraphRequest(call.method(), path, List.of(), call.headers(), call.body(),
                Optional.of(call.idempotent()));
        try {
            ApiResponse a = client.send(r);
            return new Reply(a.status(), a.json(), a.requestId().orElse(""), a.clientRequestId(), "", "");
        } catch (ApiException e) {
            return reply(e);
        }
    }

    private Reply cmdlet(Call call) {
        JsonNode input = call.body().orElse(MissingNode.getInstance()).path("CmdletInput");
        String name = input.path("CmdletName").asText();
        Map<String, Object> parameters = new LinkedHashMap<>();
        input.path("Parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(),
                JSON.convertValue(e.getValue(), Object.class)));
        String anchor = call.headers().getOrDefault("X-AnchorMailbox", "");
        try {
            CmdletResult result = anchor.startsWith("UPN:")
                    ? clients.exchange().invoke(name, parameters, anchor.substring(4))
                    : clients.exchange().invoke(name, parameters);
            ObjectNode body = JSON.createObjectNode();
            body.putArray("value").addAll(result.values());
            var w = body.putArray("@adminapi.warnings");
            result.warnings().forEach(w::add);
            return new Reply(200, body, result.requestId().orElse(""), "", "", "");
        } catch (ApiException e) {
            return reply(e);
        }
    }

    private static Reply reply(ApiException e) {
        ApiError err = e.error();
        if (err.status() == ApiException.NO_RESPONSE) return Reply.noAnswer(err.message());
        return new Reply(err.status(), MissingNode.getInstance(), err.requestId().orElse(""),
                err.clientRequestId().orElse(""), err.code(), err.message());
    }

    private static Reply reply(BatchResult r) {
        if (r.status() == 0) return Reply.noAnswer("no answer for the item in the batch response");
        if (r.ok()) {
            return new Reply(r.status(), r.body(), r.header("request-id").orElse(""), r.header("client-request-id").orElse(""), "", "");
        }
        ApiError err = r.error().orElseThrow();
        String message = r.status() == 424 ? r.describe() : err.message();
        return new Reply(r.status(), r.body(), err.requestId().orElse(""), err.clientRequestId().orElse(""), err.code(), message);
    }
}

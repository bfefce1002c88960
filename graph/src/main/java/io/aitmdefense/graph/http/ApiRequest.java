package io.aitmdefense.graph.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One call to a Microsoft API.
 *
 * @param scope the token scope (which API the token is for)
 * @param body a JSON body, when there is one
 * @param idempotent whether repeating the call is harmless. GET, PUT, PATCH and DELETE are by default; POST is not
 *                   (an action such as revokeSignInSessions writes an audit row each time). A PATCH that is not
 *                   (setting a new password) must be marked so; a POST that is (a read through Exchange's
 *                   InvokeCommand, a Management API subscription start) may be. See {@link MicrosoftHttp} for the rule.
 */
public record ApiRequest(String method, URI uri, String scope, Map<String, String> headers, Optional<String> body,
                         boolean idempotent) {

    public ApiRequest {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    public static ApiRequest of(String method, URI uri, String scope, Map<String, String> headers, Optional<String> body) {
        return new ApiRequest(method, uri, scope, headers, body, !method.equals("POST"));
    }

    public ApiRequest withIdempotent(boolean value) {
        return new ApiRequest(method, uri, scope, headers, body, value);
    }

    /** Path and query, for messages: the host is known, and nothing secret travels in a URL here. */
    public String target() {
        String q = uri.getRawQuery();
        return uri.getRawPath() + (q == null ? "" : "?" + q);
    }
}

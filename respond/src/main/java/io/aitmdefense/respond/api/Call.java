package io.aitmdefense.respond.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/**
 * One request the playbook makes. {@code write} says whether it changes the tenant: dry-run sends none of those. An
 * Exchange cmdlet travels as a POST whether it reads ({@code Get-Mailbox}) or writes ({@code Set-Mailbox}), so the
 * method alone cannot say. {@code idempotent} is false for the calls that must never be repeated blindly (a new
 * password, a second revoke after re-enable).
 */
public record Call(String method, Service service, String path, Optional<JsonNode> body, Map<String, String> headers,
                   boolean write, boolean idempotent) {

    public Call {
        headers = Map.copyOf(headers);
    }

    public static Call get(String path) {
        return new Call("GET", Service.GRAPH, path, Optional.empty(), Map.of(), false, true);
    }

    public static Call delete(String path) {
        return new Call("DELETE", Service.GRAPH, path, Optional.empty(), Map.of(), true, true);
    }

    public static Call patch(String path, JsonNode body) {
        return new Call("PATCH", Service.GRAPH, path, Optional.of(body), Map.of(), true, true);
    }

    public static Call post(String path, JsonNode body) {
        return new Call("POST", Service.GRAPH, path, Optional.ofNullable(body), Map.of(), true, false);
    }

    /** A POST action that is harmless to repeat (confirmCompromised), so throttled or lost attempts may be retried. */
    public static Call postIdempotent(String path, JsonNode body) {
        return new Call("POST", Service.GRAPH, path, Optional.ofNullable(body), Map.of(), true, true);
    }

    public Call notIdempotent() {
        return new Call(method, service, path, body, headers, write, false);
    }

    /** {@code PATCH /v1.0/users/jane@contoso.example}, for plans, errors and the audit trail. */
    public String describe() {
        return method + " " + path;
    }
}

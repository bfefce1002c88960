package io.aitmdefense.harden.emit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One write of the plan in dependency order: which numbered file holds the body, the Graph method, version and path
 * ({@code {id}} where the id is only known after an earlier create), what it does, and what must be true first.
 * {@code deferred} steps (protected actions) are not run by the first apply: they wait for their policy to be On.
 */
public record ApplyStep(
        int order,
        String file,
        String method,
        String apiVersion,
        String path,
        String what,
        Optional<String> requires,
        boolean deferred,
        JsonNode body) {
}

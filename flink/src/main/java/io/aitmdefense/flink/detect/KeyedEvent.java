package io.aitmdefense.flink.detect;

import io.aitmdefense.events.Event;

/**
 * An event with the key the job groups it by ({@code tenant/user}, as the local engine's
 * {@code UserDirectory.keyOf}), its tenant and the user as a person reads it.
 */
public record KeyedEvent(String key, String tenant, String user, Event event) {
}

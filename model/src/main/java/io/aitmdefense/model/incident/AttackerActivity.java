package io.aitmdefense.model.incident;

import io.aitmdefense.model.Evidence;

import java.time.Instant;

/**
 * What the victim's account did from an attacker address that no detection flagged on its own — mail sent, items
 * deleted, files read — summarised per operation: how often, when, and the first record as evidence.
 */
public record AttackerActivity(String operation, String ip, long count, Instant first, Instant last, Evidence evidence) {
}

package io.aitmdefense.posture.model;

/** A device, application or service-principal filter: a rule in the dynamic-group grammar and what a match means. */
public record FilterRule(FilterMode mode, String rule) {
}

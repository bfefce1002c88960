package io.aitmdefense.harden.plan;

/**
 * What an administrator decides for the generated set: the pilot group every new policy starts with, the break-glass
 * accounts every policy excludes, and the display-name prefix that marks our policies (the gate and drift find them by
 * it). The authentication contexts are c1 (sensitive resources) and c2 (tenant configuration) unless the tenant
 * already uses those ids for something else.
 */
public record PlanOptions(String pilotGroup, BreakGlassIds breakGlass, String prefix) {

    public static final String DEFAULT_PREFIX = "AiTM-";

    public PlanOptions {
        if (pilotGroup.isBlank()) throw new IllegalArgumentException("the pilot group id is empty");
        if (breakGlass.isEmpty()) throw new IllegalArgumentException("no break-glass account or group id");
    }
}

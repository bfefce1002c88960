package io.aitmdefense.report;

import java.util.List;

/**
 * The "Contain" section of one incident as plain data: what {@code aitm respond} would do, computed offline from the
 * incident's evidence by whoever wires the outputs (the {@code aitm detect} command asks the respond module). The
 * report module only lays it out, so it stays free of the planner and of any Microsoft client (DESIGN §3).
 *
 * @param planCommand the command that makes this plan against the tenant (preflight reads, then {@code run})
 * @param steps the plan's steps in playbook order
 * @param blockRanges the attacker's addresses as CIDR ranges for an untrusted IP named location
 * @param namedLocation the body of {@code POST /v1.0/identity/conditionalAccess/namedLocations}, as JSON text
 * @param indicators the attacker infrastructure to share or block
 * @param commands the copy-paste blocks, in the order to run them
 * @param warnings what the plan cannot do and a person must (a device, a synced account, hidden rules)
 */
public record Containment(String incidentId, String planCommand, List<Step> steps, List<String> blockRanges, String namedLocation,
                          List<Indicator> indicators, List<Commands> commands, List<String> warnings) {

    public Containment {
        steps = List.copyOf(steps);
        blockRanges = List.copyOf(blockRanges);
        indicators = List.copyOf(indicators);
        commands = List.copyOf(commands);
        warnings = List.copyOf(warnings);
    }

    /**
     * One step: {@code id} is what {@code --approve=} names; {@code gate} says who may let it run, in words.
     */
    public record Step(String id, String title, String request, String gate, boolean reversible) {
    }

    /** One indicator: {@code type} ipv4-addr, ipv6-addr, email-addr or application. */
    public record Indicator(String type, String value, String context) {
    }

    /** A block of commands to paste: {@code language} powershell or bash. */
    public record Commands(String title, String language, String text) {
    }
}

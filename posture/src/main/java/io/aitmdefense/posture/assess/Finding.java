package io.aitmdefense.posture.assess;

import java.util.List;

/**
 * One problem found: which {@link Check} (stable id, why, fix), how severe here, what exactly ({@code detail}) and
 * the policies involved (display names; empty when the problem is a policy that does not exist).
 */
public record Finding(Check check, Severity severity, String detail, List<String> policies) {

    public Finding {
        policies = List.copyOf(policies);
    }

    public Finding(Check check, String detail, List<String> policies) {
        this(check, check.severity(), detail, policies);
    }

    public String id() {
        return check.id();
    }
}

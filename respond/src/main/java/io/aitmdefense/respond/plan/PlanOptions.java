package io.aitmdefense.respond.plan;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How to plan: whether the analyst confirmed acting on a privileged or break-glass account, the tenant's break-glass
 * accounts (tenant file {@code tenant.breakGlass}), and whether Exchange admin REST is configured.
 */
public record PlanOptions(boolean confirmPrivileged, Set<String> breakGlass, boolean exchange) {
    public static final PlanOptions DEFAULT = new PlanOptions(false, Set.of(), false);

    public PlanOptions {
        breakGlass = breakGlass.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean breakGlass(String user) {
        return breakGlass.contains(user.toLowerCase(Locale.ROOT));
    }
}

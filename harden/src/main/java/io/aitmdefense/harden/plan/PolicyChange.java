package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Conditions;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.UserCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A change to an existing policy: a new state and exclusions to add, nothing else. That is all Microsoft lets an
 * administrator change on a Microsoft-managed policy, and all a plan needs to adopt an existing equivalent.
 */
public record PolicyChange(Optional<PolicyState> state, List<String> addExcludeUsers, List<String> addExcludeGroups) {

    public PolicyChange {
        addExcludeUsers = List.copyOf(addExcludeUsers);
        addExcludeGroups = List.copyOf(addExcludeGroups);
    }

    public boolean empty() {
        return state.isEmpty() && addExcludeUsers.isEmpty() && addExcludeGroups.isEmpty();
    }

    /** The exclusions this policy still lacks, and the state to move it to (if any). */
    static PolicyChange toAdopt(ConditionalAccessPolicy existing, BreakGlassIds breakGlass, Optional<PolicyState> state) {
        UserCondition u = existing.conditions().users();
        List<String> users = breakGlass.users().stream().filter(id -> u.excludeUsers().stream().noneMatch(id::equalsIgnoreCase)
                && u.excludeGroups().stream().noneMatch(id::equalsIgnoreCase)).toList();
        List<String> groups = breakGlass.groups().stream().filter(id -> u.excludeGroups().stream().noneMatch(id::equalsIgnoreCase)
                && u.excludeUsers().stream().noneMatch(id::equalsIgnoreCase)).toList();
        return new PolicyChange(state.filter(s -> s != existing.state()), users, groups);
    }

    /** The policy as it is after the change. */
    public ConditionalAccessPolicy applyTo(ConditionalAccessPolicy p) {
        UserCondition u = p.conditions().users();
        List<String> excludeUsers = new ArrayList<>(u.excludeUsers());
        excludeUsers.addAll(addExcludeUsers);
        List<String> excludeGroups = new ArrayList<>(u.excludeGroups());
        excludeGroups.addAll(addExcludeGroups);
        UserCondition users = new UserCondition(u.includeUsers(), excludeUsers, u.includeGroups(), excludeGroups,
                u.includeRoles(), u.excludeRoles(), u.includeGuestsOrExternalUsers(), u.excludeGuestsOrExternalUsers());
        Conditions c = p.conditions();
        Conditions changed = new Conditions(users, c.applications(), c.clientAppTypes(), c.platforms(), c.locations(),
                c.devices(), c.signInRiskLevels(), c.userRiskLevels(), c.insiderRiskLevels(), c.servicePrincipalRiskLevels(),
                c.agentIdRiskLevels(), c.clientApplications(), c.transferMethods());
        return new ConditionalAccessPolicy(p.id(), p.displayName(), state.orElse(p.state()), p.createdDateTime(),
                p.modifiedDateTime(), p.templateId(), changed, p.grantControls(), p.sessionControls(), p.source(),
                p.unknownFields());
    }

    /** For people: "state → enabledForReportingButNotEnforced; exclude users a, b". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        state.ifPresent(s -> parts.add("state → " + s.graphName()));
        if (!addExcludeUsers.isEmpty()) parts.add("exclude users " + String.join(", ", addExcludeUsers));
        if (!addExcludeGroups.isEmpty()) parts.add("exclude groups " + String.join(", ", addExcludeGroups));
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }
}

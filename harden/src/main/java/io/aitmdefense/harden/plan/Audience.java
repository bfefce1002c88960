package io.aitmdefense.harden.plan;

import io.aitmdefense.posture.model.GuestCondition;
import io.aitmdefense.posture.model.UserCondition;

import java.util.List;
import java.util.Optional;

/**
 * Who a generated policy is for in a rollout ring: the pilot group while it proves itself, every user once it is
 * promoted. Break-glass is excluded in both; guests are excluded where a control cannot apply to them.
 */
public enum Audience {
    PILOT,
    ALL_USERS;

    UserCondition users(PlanOptions options, boolean excludeGuests) {
        List<String> includeUsers = this == ALL_USERS ? List.of("All") : List.of();
        List<String> includeGroups = this == PILOT ? List.of(options.pilotGroup()) : List.of();
        Optional<GuestCondition> guests = excludeGuests ? Optional.of(GuestCondition.everyGuest()) : Optional.empty();
        return new UserCondition(includeUsers, options.breakGlass().users(), includeGroups, options.breakGlass().groups(),
                List.of(), List.of(), Optional.empty(), guests);
    }
}

package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.GuestCondition;
import io.aitmdefense.posture.model.GuestType;
import io.aitmdefense.posture.model.UserCondition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AITM-CA-027: external-user types ({@code guestOrExternalUserTypes}) one policy covers and its siblings do not. The
 * sharp case is a split: a policy for All users that excludes guest types, and a guest policy with the same controls
 * that includes fewer types, so the difference gets neither.
 */
final class GuestTypesUneven implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-027", Severity.MEDIUM,
            "External-user types covered by one policy are missing from its siblings",
            "Guests are targeted by type (B2B collaboration guest or member, direct connect, internal guest, service "
                    + "provider, other external). When one policy lists a type and its siblings do not, that kind of "
                    + "external user gets fewer controls; when an All-users policy excludes guest types that its "
                    + "guest counterpart does not include, those external users get neither policy.",
            "Make the guest policies list the same types (usually all six), and make the guest counterpart of an "
                    + "All-users policy include every type the All-users policy excludes; check in What If with a "
                    + "B2B direct-connect user and a service provider, the types most often forgotten.");

    @Override
    public Check check() {
        return Check.GUEST_TYPES_UNEVEN;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<ConditionalAccessPolicy> live = context.live();
        List<ConditionalAccessPolicy> guestPolicies = live.stream().filter(p -> included(p.conditions().users()).isPresent())
                .toList();
        List<Finding> out = new ArrayList<>();
        for (ConditionalAccessPolicy split : live) {
            UserCondition u = split.conditions().users();
            Optional<Set<GuestType>> excluded = excluded(u);
            if (!u.includesAllUsers() || excluded.isEmpty()) continue;
            List<ConditionalAccessPolicy> counterparts = guestPolicies.stream()
                    .filter(g -> Objects.equals(g.grantControls(), split.grantControls())
                            && g.sessionControls().equals(split.sessionControls()))
                    .toList();
            if (counterparts.isEmpty()) continue;
            Set<GuestType> uncovered = EnumSet.noneOf(GuestType.class);
            uncovered.addAll(excluded.get());
            counterparts.forEach(g -> uncovered.removeAll(included(g.conditions().users()).orElseThrow()));
            if (uncovered.isEmpty()) continue;
            List<String> policies = new ArrayList<>(List.of(split.label()));
            counterparts.forEach(g -> policies.add(g.label()));
            out.add(new Finding(check(), split.label() + " excludes " + names(uncovered) + ", which its guest counterpart "
                    + counterparts.stream().map(ConditionalAccessPolicy::label).collect(Collectors.joining(", "))
                    + " does not include: those external users get neither policy.", policies));
        }
        if (guestPolicies.size() > 1) {
            Set<GuestType> union = EnumSet.noneOf(GuestType.class);
            guestPolicies.forEach(g -> union.addAll(included(g.conditions().users()).orElseThrow()));
            for (ConditionalAccessPolicy g : guestPolicies) {
                Set<GuestType> missing = EnumSet.noneOf(GuestType.class);
                missing.addAll(union);
                missing.removeAll(included(g.conditions().users()).orElseThrow());
                if (missing.isEmpty()) continue;
                List<String> others = guestPolicies.stream().filter(o -> o != g && !Collections.disjoint(
                        included(o.conditions().users()).orElseThrow(), missing)).map(ConditionalAccessPolicy::label).toList();
                List<String> policies = new ArrayList<>(List.of(g.label()));
                policies.addAll(others);
                // Types differing between guest policies with different controls are often deliberate: low.
                out.add(new Finding(check(), Severity.LOW, g.label() + " does not cover " + names(missing)
                        + ", which " + String.join(", ", others) + " cover" + (others.size() == 1 ? "s" : "") + ".",
                        policies));
            }
        }
        return out;
    }

    /** The guest types a policy includes, if it includes guests at all. */
    static Optional<Set<GuestType>> included(UserCondition u) {
        if (u.includeUsers().stream().anyMatch("GuestsOrExternalUsers"::equalsIgnoreCase)) {
            return Optional.of(GuestCondition.everyGuest().guestTypes());
        }
        return u.includeGuestsOrExternalUsers().map(GuestCondition::guestTypes).filter(t -> !t.isEmpty());
    }

    static Optional<Set<GuestType>> excluded(UserCondition u) {
        if (u.excludeUsers().stream().anyMatch("GuestsOrExternalUsers"::equalsIgnoreCase)) {
            return Optional.of(GuestCondition.everyGuest().guestTypes());
        }
        return u.excludeGuestsOrExternalUsers().map(GuestCondition::guestTypes).filter(t -> !t.isEmpty());
    }

    private static String names(Set<GuestType> types) {
        return types.stream().map(GuestType::graphName).sorted().collect(Collectors.joining(", "));
    }
}

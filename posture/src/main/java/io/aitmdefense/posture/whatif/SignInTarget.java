package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.UserAction;

import java.util.Set;

/**
 * What the sign-in is for, as in What If's {@code signInContext}: resources (app ids), a user action, or an
 * authentication context requested by a resource. Each only meets policies that target the same kind.
 */
public sealed interface SignInTarget {

    /** Resources by app id; group targets ({@code Office365}, {@code MicrosoftAdminPortals}) resolve via {@link WellKnownApps}. */
    record Applications(Set<String> appIds) implements SignInTarget {
        public Applications {
            appIds = Set.copyOf(appIds);
        }
    }

    record Action(UserAction action) implements SignInTarget {
    }

    /** {@code c1}..{@code c99}. */
    record AuthenticationContext(String classReference) implements SignInTarget {
    }

    static SignInTarget apps(String... appIds) {
        return new Applications(Set.of(appIds));
    }
}

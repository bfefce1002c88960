package io.aitmdefense.server.web;

import io.aitmdefense.store.ConsoleUsers;

/**
 * What a signed-in console user may do: read; also act on incidents and approve and run containment; also create users.
 * The store keeps the same three names ({@link ConsoleUsers.Role}); this is the web layer's view of them, so pages and
 * routes depend on one small package and not on the store.
 */
public enum Role {
    VIEWER, RESPONDER, ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public static Role of(ConsoleUsers.Role stored) {
        return valueOf(stored.name());
    }

    public ConsoleUsers.Role stored() {
        return ConsoleUsers.Role.valueOf(name());
    }

    /** The lower-case name the API and the store use. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

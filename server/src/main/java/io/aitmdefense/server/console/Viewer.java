package io.aitmdefense.server.console;

/**
 * Who is looking at a page: the signed-in console user's name and role, whether the role may act on incidents and
 * plans (responder or admin: the buttons are shown only then, and the API refuses the others anyway), and the
 * session's CSRF token that the page hands to its script for every state-changing call.
 */
public record Viewer(String name, String role, boolean responder, String csrf) {
}

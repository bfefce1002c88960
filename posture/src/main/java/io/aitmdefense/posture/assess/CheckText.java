package io.aitmdefense.posture.assess;

/**
 * A check's catalogue entry written beside its logic: stable id, default severity, title, why it matters and the fix.
 * {@link Check} lists every entry so ids can be looked up, cited and documented in one place.
 */
record CheckText(String id, Severity severity, String title, String why, String fix) {
}

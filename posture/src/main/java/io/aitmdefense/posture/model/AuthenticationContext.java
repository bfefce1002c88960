package io.aitmdefense.posture.model;

/** {@code authenticationContextClassReference}: {@code c1}..{@code c99}; only available ones are offered to apps. */
public record AuthenticationContext(String id, String displayName, String description, boolean available) {
}

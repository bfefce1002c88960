package io.aitmdefense.simulate.canary;

import java.time.Instant;

/**
 * One load of the sign-in page canary's image as {@code aitm serve}'s endpoint sees the request: when, from which
 * address, which page displayed it ({@code referer}: Microsoft's sign-in host, or the phishing kit's domain), and the
 * browser string.
 */
public record CanaryHit(Instant time, String ip, String referer, String userAgent) {
}

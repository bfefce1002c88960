package io.aitmdefense.simulate.truth;

/**
 * A user the campaign's phishing page was shown to: when the page loaded the canary, from which address, and whether
 * the user went on to sign in through it (a victim) or left without typing a password.
 */
public record TargetedUser(String userPrincipalName, String pageLoaded, String address, boolean signedIn) {
}

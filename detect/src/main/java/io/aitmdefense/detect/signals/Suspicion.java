package io.aitmdefense.detect.signals;

/**
 * Why a sign-in (or a risk detection standing for one) is suspicious: the one vocabulary every correlating detection
 * reads, so that a detection can leave out a kind ({@link #RISKY_SIGN_IN} for the risk detection that is that same
 * risk) without matching phrases.
 */
public enum Suspicion {
    /** From a hosting network the tenant has not vouched for. */
    HOSTING,
    /** Signed in by a scripting or phishing-kit agent. */
    SCRIPTING_CLIENT,
    /** Identity Protection rated the sign-in risky. */
    RISKY_SIGN_IN,
    /** A device code flow from a network the tenant has not vouched for. */
    DEVICE_CODE,
    /** MFA satisfied by a claim in the token from a network the user has not signed in from lately. */
    TOKEN_FROM_NEW_NETWORK,
    /** One session used from a second network by another client. */
    SESSION_ON_SECOND_NETWORK,
    /** A standing Identity Protection detection. */
    STANDING_RISK;

    /** This kind with the phrase an explanation shows. */
    public Reason because(String phrase) {
        return new Reason(this, phrase);
    }

    /** One reason: its kind and the phrase explanations show ("scripting client 'python-requests/2.31'"). */
    public record Reason(Suspicion kind, String phrase) {
    }
}

package io.aitmdefense.simulate.truth;

/** The kill-chain steps a victim goes through; the first two are initial access, the rest persistence and impact. */
public enum Stage {
    PHISH, TOKEN_THEFT, REPLAY,
    INBOX_RULE, MAILBOX_FORWARDING, OAUTH_CONSENT, MFA_REGISTRATION, DEVICE_REGISTRATION, CA_TAMPERING,
    MAIL_ACCESS, BEC_SEND,
    RISK_DETECTION;

    /** Steps that keep access after a password reset. */
    public boolean persistence() {
        return switch (this) {
            case INBOX_RULE, MAILBOX_FORWARDING, OAUTH_CONSENT, MFA_REGISTRATION, DEVICE_REGISTRATION, CA_TAMPERING -> true;
            default -> false;
        };
    }
}

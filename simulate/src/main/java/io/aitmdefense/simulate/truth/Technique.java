package io.aitmdefense.simulate.truth;

/** How the attacker got the victim's session or token. */
public enum Technique {
    /** Evilginx-style reverse proxy: the session cookie is replayed from attacker infrastructure with another client. */
    EVILGINX_COOKIE_REPLAY,
    /** Tycoon 2FA-style kit: the proxy signs in to OfficeHome with a scripting UA (axios/node), then the broker. */
    TYCOON_KIT,
    /** Device-code phishing: the victim enters the attacker's code; deviceCode protocol from a hosting network. */
    DEVICE_CODE_PHISH,
    /** A refresh token stolen from the victim's endpoint is redeemed non-interactively from attacker infrastructure. */
    REFRESH_TOKEN_THEFT,
    /** The cookie is replayed through a residential proxy in the victim's region with the victim's own browser string. */
    RESIDENTIAL_PROXY_REPLAY,
    /** A stolen family-of-client-ids refresh token is traded non-interactively for Graph, Exchange, ARM and Key Vault. */
    FAMILY_REFRESH_PIVOT,
    /** The victim signs in to a first-party developer client at home; the authorization code is redeemed elsewhere. */
    AUTH_CODE_PHISH,
    /** An Evilginx replay whose persistence comes a day or two later, from the same replay host. */
    PAUSED_PERSISTENCE
}

package io.aitmdefense.events;

/**
 * How the token of a sign-in came to be: incoming token type (none, refreshToken, primaryRefreshToken, ...),
 * issuer, original transfer method (deviceCodeFlow, authenticationTransfer), protocol (oAuth2, deviceCode, ropc ...),
 * token-protection binding status and code, and whether a CAE token was issued.
 */
public record TokenContext(String incomingTokenType, String issuerType, String transferMethod, String protocol,
                           String protectionStatus, int protectionCode, boolean cae) {
    public static final TokenContext UNKNOWN = new TokenContext("", "", "", "", "", -1, false);

    public boolean deviceCode() {
        return protocol.equalsIgnoreCase("deviceCode") || transferMethod.equalsIgnoreCase("deviceCodeFlow");
    }
}

package io.aitmdefense.simulate.log;

import io.aitmdefense.simulate.tenant.App;
import io.aitmdefense.simulate.tenant.ClientDevice;
import io.aitmdefense.simulate.tenant.NamedLocation;
import io.aitmdefense.simulate.tenant.Network;
import io.aitmdefense.simulate.tenant.Place;
import io.aitmdefense.simulate.tenant.User;

import java.time.Instant;
import java.util.List;

/** One Entra sign-in (interactive or non-interactive) with everything the four sign-in shapes need. */
public record SignInRecord(Instant time, Instant arrival, boolean interactive, User user,
                           String id, String correlationId, String sessionId, String uniqueTokenId,
                           String ip, Network network, Place place, ClientDevice device, String userAgent,
                           List<NamedLocation> namedLocations, App app, Auth auth, int errorCode,
                           String incomingTokenType, String transferMethod, String protocol,
                           boolean tokenBound, SignInRisk risk) implements LogRecord {

    /** How the user was authenticated, which decides authenticationDetails, status and requirement. */
    public enum Auth {
        /** Password then push notification: MFA performed now. */
        PASSWORD_AND_PUSH,
        /** Primary refresh token of a joined device carrying the MFA claim. */
        PRT_WITH_MFA_CLAIM,
        /** A refresh token or session cookie that already carries MFA: "MFA requirement satisfied by claim in the token". */
        TOKEN_WITH_MFA_CLAIM,
        /** A replayed cookie: "Previously satisfied", first factor by claim in the token, single-factor requirement. */
        REPLAYED_COOKIE,
        /** Device code entered and MFA performed by the victim on their own device. */
        DEVICE_CODE_WITH_MFA,
        /** Keep-me-signed-in interrupt (50140): benign failure that precedes many successes. */
        KMSI_INTERRUPT
    }

    /** Risk as Identity Protection annotated the sign-in; {@link #NONE} when clean. */
    public record SignInRisk(String level, String state, String detail, List<String> eventTypes) {
        public static final SignInRisk NONE = new SignInRisk("none", "none", "none", List.of());
    }

    @Override
    public LogTable table() {
        return interactive ? LogTable.SIGN_INS : LogTable.NON_INTERACTIVE_SIGN_INS;
    }

    public int asn() {
        return network.asn();
    }

    public boolean mfaSatisfied() {
        return auth != Auth.REPLAYED_COOKIE && auth != Auth.KMSI_INTERRUPT;
    }
}

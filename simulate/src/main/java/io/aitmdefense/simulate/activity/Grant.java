package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.log.SignInRecord.Auth;
import io.aitmdefense.simulate.tenant.App;

/** How a token was obtained: app, authentication, incoming token, transfer method, protocol and binding. */
public record Grant(App app, Auth auth, String incomingTokenType, String transferMethod, String protocol, boolean bound) {

    public static Grant interactive(App app, Auth auth, String incoming, boolean bound) {
        return new Grant(app, auth, incoming, "none", "none", bound);
    }

    public static Grant refresh(App app, String incoming, boolean bound) {
        return new Grant(app, Auth.TOKEN_WITH_MFA_CLAIM, incoming, "none", "none", bound);
    }
}

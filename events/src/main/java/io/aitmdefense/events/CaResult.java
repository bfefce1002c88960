package io.aitmdefense.events;

import java.util.List;

/** One Conditional Access policy as evaluated for a sign-in (appliedConditionalAccessPolicies entry). */
public record CaResult(String id, String displayName, String result,
                       List<String> grantControls, List<String> sessionControls) {

    /** Token protection shows up as SignInTokenProtection (older records: Binding). */
    public boolean tokenProtection() {
        for (String c : sessionControls) {
            if (c.equalsIgnoreCase("SignInTokenProtection") || c.equalsIgnoreCase("Binding")
                    || c.equalsIgnoreCase("SecureSignInSession")) return true;
        }
        return false;
    }

    public boolean failed() {
        return result.equals("failure") || result.equals("reportOnlyFailure");
    }

    public boolean reportOnly() {
        return result.startsWith("reportOnly");
    }
}

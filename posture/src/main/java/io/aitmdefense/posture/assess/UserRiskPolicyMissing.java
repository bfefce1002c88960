package io.aitmdefense.posture.assess;

/** AITM-CA-010: no enabled user risk policy for all users stops the replay. */
final class UserRiskPolicyMissing extends RiskPolicyMissing {

    static final CheckText TEXT = new CheckText("AITM-CA-010", Severity.HIGH,
            "No enforced user risk policy",
            "A user confirmed or suspected compromised (high user risk) keeps access until someone acts; with a "
                    + "policy, every new sign-in is blocked or forced through a secure password change.",
            "Enforce a policy for All users on All resources with userRiskLevels = high and grant = block, or "
                    + "'passwordChange' AND MFA with sign-in frequency 'every time' (passwordChange must target All "
                    + "resources and stand alone).");

    UserRiskPolicyMissing() {
        super(false);
    }

    @Override
    public Check check() {
        return Check.USER_RISK_POLICY_MISSING;
    }
}

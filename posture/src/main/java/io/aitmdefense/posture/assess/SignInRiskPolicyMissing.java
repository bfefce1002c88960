package io.aitmdefense.posture.assess;

/** AITM-CA-009: no enabled sign-in risk policy for all users stops the replay (medium when only high risk is handled). */
final class SignInRiskPolicyMissing extends RiskPolicyMissing {

    static final CheckText TEXT = new CheckText("AITM-CA-009", Severity.HIGH,
            "No enforced sign-in risk policy",
            "Identity Protection flags replayed and proxied sign-ins (anomalous token, attacker in the middle, "
                    + "unfamiliar features) as medium or high sign-in risk. Without a policy the risk is logged and "
                    + "the sign-in proceeds.",
            "Enforce a policy for All users on All resources with signInRiskLevels = medium, high and grant = "
                    + "phishing-resistant authentication strength (or block) with sign-in frequency 'every time'. "
                    + "Keep it separate from the user-risk policy (P2 licence needed).");

    SignInRiskPolicyMissing() {
        super(true);
    }

    @Override
    public Check check() {
        return Check.SIGN_IN_RISK_POLICY_MISSING;
    }
}

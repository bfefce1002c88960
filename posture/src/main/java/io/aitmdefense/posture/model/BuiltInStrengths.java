package io.aitmdefense.posture.model;

import java.util.List;

import static io.aitmdefense.posture.model.AuthenticationMethodMode.*;

/** The three strengths every tenant has, so a grant that names only the id can still be judged offline. */
public final class BuiltInStrengths {

    public static final AuthenticationStrength MFA = new AuthenticationStrength(AuthenticationStrength.MFA_ID,
            "Multifactor authentication", StrengthPolicyType.BUILT_IN, List.of(
            AuthenticationCombination.of(WINDOWS_HELLO_FOR_BUSINESS),
            AuthenticationCombination.of(FIDO2),
            AuthenticationCombination.of(X509_CERTIFICATE_MULTI_FACTOR),
            AuthenticationCombination.of(DEVICE_BASED_PUSH),
            AuthenticationCombination.of(TEMPORARY_ACCESS_PASS_ONE_TIME),
            AuthenticationCombination.of(TEMPORARY_ACCESS_PASS_MULTI_USE),
            AuthenticationCombination.of(PASSWORD, MICROSOFT_AUTHENTICATOR_PUSH),
            AuthenticationCombination.of(PASSWORD, SOFTWARE_OATH),
            AuthenticationCombination.of(PASSWORD, HARDWARE_OATH),
            AuthenticationCombination.of(PASSWORD, SMS),
            AuthenticationCombination.of(PASSWORD, VOICE),
            AuthenticationCombination.of(FEDERATED_MULTI_FACTOR),
            AuthenticationCombination.of(MICROSOFT_AUTHENTICATOR_PUSH, FEDERATED_SINGLE_FACTOR),
            AuthenticationCombination.of(SOFTWARE_OATH, FEDERATED_SINGLE_FACTOR),
            AuthenticationCombination.of(HARDWARE_OATH, FEDERATED_SINGLE_FACTOR),
            AuthenticationCombination.of(SMS, FEDERATED_SINGLE_FACTOR),
            AuthenticationCombination.of(VOICE, FEDERATED_SINGLE_FACTOR)));

    public static final AuthenticationStrength PASSWORDLESS = new AuthenticationStrength(
            AuthenticationStrength.PASSWORDLESS_ID, "Passwordless MFA", StrengthPolicyType.BUILT_IN, List.of(
            AuthenticationCombination.of(WINDOWS_HELLO_FOR_BUSINESS),
            AuthenticationCombination.of(FIDO2),
            AuthenticationCombination.of(X509_CERTIFICATE_MULTI_FACTOR),
            AuthenticationCombination.of(DEVICE_BASED_PUSH)));

    public static final AuthenticationStrength PHISHING_RESISTANT = new AuthenticationStrength(
            AuthenticationStrength.PHISHING_RESISTANT_ID, "Phishing-resistant MFA", StrengthPolicyType.BUILT_IN,
            List.of(AuthenticationCombination.of(WINDOWS_HELLO_FOR_BUSINESS),
                    AuthenticationCombination.of(FIDO2),
                    AuthenticationCombination.of(X509_CERTIFICATE_MULTI_FACTOR)));

    public static final List<AuthenticationStrength> ALL = List.of(MFA, PASSWORDLESS, PHISHING_RESISTANT);

    private BuiltInStrengths() {
    }
}

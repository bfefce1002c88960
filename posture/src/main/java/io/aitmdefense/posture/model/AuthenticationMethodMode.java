package io.aitmdefense.posture.model;

/** Graph {@code authenticationMethodModes}: the single factors an authentication-strength combination is made of. */
public enum AuthenticationMethodMode implements GraphEnum {
    PASSWORD("password"),
    VOICE("voice"),
    HARDWARE_OATH("hardwareOath"),
    SOFTWARE_OATH("softwareOath"),
    SMS("sms"),
    FIDO2("fido2"),
    WINDOWS_HELLO_FOR_BUSINESS("windowsHelloForBusiness"),
    MICROSOFT_AUTHENTICATOR_PUSH("microsoftAuthenticatorPush"),
    DEVICE_BASED_PUSH("deviceBasedPush"),
    TEMPORARY_ACCESS_PASS_ONE_TIME("temporaryAccessPassOneTime"),
    TEMPORARY_ACCESS_PASS_MULTI_USE("temporaryAccessPassMultiUse"),
    EMAIL("email"),
    X509_CERTIFICATE_SINGLE_FACTOR("x509CertificateSingleFactor"),
    X509_CERTIFICATE_MULTI_FACTOR("x509CertificateMultiFactor"),
    FEDERATED_SINGLE_FACTOR("federatedSingleFactor"),
    FEDERATED_MULTI_FACTOR("federatedMultiFactor"),
    QR_CODE_PIN("qrCodePin"),
    UNKNOWN_FUTURE_VALUE("unknownFutureValue");

    private final String graphName;
    private final String[] aliases;

    AuthenticationMethodMode(String graphName, String... aliases) {
        this.graphName = graphName;
        this.aliases = aliases;
    }

    @Override
    public String graphName() {
        return graphName;
    }

    @Override
    public String[] aliases() {
        return aliases.clone();
    }
}

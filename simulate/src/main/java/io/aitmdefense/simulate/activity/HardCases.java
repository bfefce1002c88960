package io.aitmdefense.simulate.activity;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of the benign traffic that resembles an attack (dual-stack sessions, SASE egress, CGNAT hops, legitimate
 * rules and consents …), so that an evaluator can tell how hard the generated tenant was. Keys are stable names.
 */
public final class HardCases {
    public static final String DUAL_STACK_SESSIONS = "dualStackSessions";
    public static final String SASE_TRUSTED_SIGN_INS = "saseTrustedLocationSignIns";
    public static final String CGNAT_HOPS = "cgnatAddressChangesInSession";
    public static final String WIFI_CELLULAR_HOPS = "wifiCellularAsnChangesInSession";
    public static final String HOME_IP_CHANGES = "homeAddressChangesMidSession";
    public static final String MICROSOFT_INFRA_SIGN_INS = "microsoftInfrastructureSignIns";
    public static final String VDI_HOSTING_SIGN_INS = "vdiHostingAsnSignIns";
    public static final String TRAVEL_COUNTRY_CHANGES = "travelCountryChanges";
    public static final String FALSE_POSITIVE_RISKS = "falsePositiveRiskDetections";
    public static final String TOKEN_SATISFIED_MFA = "benignSignInsWithMfaSatisfiedByToken";
    public static final String KMSI_INTERRUPTS = "keepMeSignedInInterrupts";
    public static final String LEGIT_INBOX_RULES = "legitimateInboxRules";
    public static final String LEGIT_EXTERNAL_FORWARDING_RULES = "legitimateExternalForwardingRules";
    public static final String LEGIT_CONSENTS = "legitimateOAuthConsentsWithOfflineAccess";
    public static final String LEGIT_MFA_REGISTRATIONS = "legitimateMfaRegistrations";
    public static final String LEGIT_DEVICE_REGISTRATIONS = "legitimateDeviceRegistrations";
    public static final String LEGIT_CA_CHANGES = "legitimateConditionalAccessChanges";
    public static final String ADMIN_SECURITY_INFO = "adminRegisteredSecurityInfo";
    public static final String SYSTEM_SET_MAILBOX = "systemSetMailbox";
    /** The browser's session handed to Azure CLI in WSL on the same machine: another OS and a python agent. */
    public static final String CLI_HAND_OFFS = "cliHandOffsOnTheBrowsersAddress";
    /** A consented third-party app refreshing the user's token from its cloud (a hosting network), day after day. */
    public static final String THIRD_PARTY_APP_REFRESHES = "thirdPartyAppRefreshesFromItsCloud";
    /** A compliant hybrid-joined laptop signing in through a VPN hosted at a VPS provider. */
    public static final String MANAGED_DEVICE_HOSTED_VPN = "managedDeviceSignInsThroughHostedVpn";
    public static final String DEVBOX_TOKEN_REFRESHES = "devBoxRefreshesOfALaptopSignIn";
    public static final String AZURE_CLI_RESOURCE_BURSTS = "azureCliFamilyTokenResourceBursts";

    private final Map<String, Long> counts = new TreeMap<>();

    public void add(String key) {
        add(key, 1);
    }

    public void add(String key, long n) {
        counts.merge(key, n, Long::sum);
    }

    public long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    public Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }
}

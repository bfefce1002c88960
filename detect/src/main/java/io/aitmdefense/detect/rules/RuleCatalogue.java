package io.aitmdefense.detect.rules;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every detection of the {@link Catalogue} that a scheduled query can express, as a {@link QueryRule} with the
 * configuration's thresholds and tenant networks written in. Detections the configuration disables are not exported.
 */
public final class RuleCatalogue {
    private RuleCatalogue() {
    }

    public static List<QueryRule> rules(DetectConfig config) {
        SignInQueries signIns = new SignInQueries(config);
        MailboxQueries mailbox = new MailboxQueries(config);
        DirectoryQueries directory = new DirectoryQueries(config);
        TradecraftQueries tradecraft = new TradecraftQueries(config);
        Map<String, Supplier<QueryRule>> byId = new LinkedHashMap<>();
        byId.put("session-replay", signIns::sessionReplay);
        byId.put("hosting-ip-signin", signIns::hostingIpSignIn);
        byId.put("client-mismatch", signIns::clientMismatch);
        byId.put("token-without-mfa", signIns::tokenWithoutMfa);
        byId.put("token-protection-failure", signIns::tokenProtectionFailure);
        byId.put("device-code-phish", signIns::deviceCodePhish);
        byId.put("impossible-travel", signIns::impossibleTravel);
        byId.put("signin-then-persistence", mailbox::signInThenPersistence);
        byId.put("mass-mail-access", mailbox::massMailAccess);
        byId.put("bec-send", mailbox::becSend);
        byId.put("risk-anomalous-token", directory::riskAnomalousToken);
        byId.put("ca-tampering", directory::caTampering);
        byId.put("microsoft-alert", directory::microsoftAlert);
        byId.put("residential-proxy-replay", tradecraft::residentialProxyReplay);
        byId.put("refresh-token-pivot", tradecraft::refreshTokenPivot);
        byId.put("auth-code-phish", tradecraft::authCodePhish);
        byId.put("persistence-after-pause", mailbox::persistenceAfterPause);
        byId.put("mail-forwarding-or-hiding", tradecraft::mailForwardingOrHiding);
        byId.put("risky-signin", tradecraft::riskySignIn);
        byId.put("tenant-trust-change", tradecraft::tenantTrustChange);
        // catalogue order; a detection added to the catalogue without a query is simply not exported
        return Catalogue.infos().stream().map(i -> i.id()).filter(byId::containsKey).filter(config::enabled)
                .map(id -> byId.get(id).get()).toList();
    }
}

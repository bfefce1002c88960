package io.aitmdefense.detect.detections;

import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.config.Thresholds;
import io.aitmdefense.events.SecurityAlert;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place that decides what a Microsoft alert is to this product: which of the AiTM kill chain's topics its
 * title names (configured title fragments, matched case-insensitively), or why it is left aside. The
 * {@link MicrosoftAlertDetection} raises the first kind; {@link MicrosoftAlertTally} counts both.
 */
public final class MicrosoftAlertTopics {

    /** What a Microsoft alert says about the user, and where it sits in the kill chain. */
    public enum Topic {
        PHISHING("an adversary-in-the-middle phishing page captured or tried to capture the user's sign-in",
                KillChainStage.COOKIE_THEFT, List.of("T1557", "T1539")),
        SESSION_THEFT("a stolen session cookie or an anomalous token was used, the replay step of AiTM",
                KillChainStage.REPLAY, List.of("T1539", "T1550.004")),
        MAILBOX_RULE("a suspicious inbox or forwarding rule, the attacker's usual persistence in the mailbox",
                KillChainStage.PERSISTENCE, List.of("T1564.008", "T1114.003")),
        BEC("business email compromise activity from the account", KillChainStage.IMPACT, List.of("T1534", "T1657"));

        private final String meaning;
        private final KillChainStage stage;
        private final List<String> techniques;

        Topic(String meaning, KillChainStage stage, List<String> techniques) {
            this.meaning = meaning;
            this.stage = stage;
            this.techniques = techniques;
        }

        public String meaning() {
            return meaning;
        }

        public KillChainStage stage() {
            return stage;
        }

        public List<String> techniques() {
            return techniques;
        }
    }

    /** The verdict on one alert: a topic, or the reason it is left aside. */
    public enum Verdict {
        USED, NOT_ABOUT_IDENTITY, DISMISSED, NO_USER
    }

    private final List<String> phishing, session, mailbox, bec, ignoreClassifications, ignoreStatuses;

    MicrosoftAlertTopics(Thresholds t) {
        this.phishing = lower(t.strings("phishingTitles", List.of("aitm", "adversary-in-the-middle", "attacker in the middle")));
        this.session = lower(t.strings("sessionTitles", List.of("stolen session cookie", "anomalous token", "token issuer anomaly")));
        this.mailbox = lower(t.strings("mailboxTitles", List.of("inbox rule", "inbox manipulation", "inbox forwarding", "forwarding rule")));
        this.bec = lower(t.strings("becTitles", List.of("bec-related", "bec financial fraud", "business email compromise")));
        this.ignoreClassifications = lower(t.strings("ignoreClassifications", List.of("falsePositive", "informationalExpectedActivity")));
        this.ignoreStatuses = lower(t.strings("ignoreStatuses", List.of("dismissed")));
    }

    /** As the configuration's {@code detections.microsoft-alert} says. */
    public static MicrosoftAlertTopics of(DetectConfig config) {
        return new MicrosoftAlertTopics(config.detection(MicrosoftAlertDetection.ID));
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).filter(v -> !v.isBlank()).toList();
    }

    /** The topic the title names; phishing first, so "Stolen session cookie from an AiTM page" is phishing. */
    public Optional<Topic> topic(SecurityAlert a) {
        String title = a.title().toLowerCase(Locale.ROOT);
        if (matches(title, phishing)) return Optional.of(Topic.PHISHING);
        if (matches(title, session)) return Optional.of(Topic.SESSION_THEFT);
        if (matches(title, bec)) return Optional.of(Topic.BEC);
        if (matches(title, mailbox)) return Optional.of(Topic.MAILBOX_RULE);
        return Optional.empty();
    }

    public Verdict verdict(SecurityAlert a) {
        if (topic(a).isEmpty()) return Verdict.NOT_ABOUT_IDENTITY;
        if (ignoreClassifications.contains(a.classification().toLowerCase(Locale.ROOT))
                || ignoreStatuses.contains(a.status().toLowerCase(Locale.ROOT))) return Verdict.DISMISSED;
        if (a.user().isEmpty()) return Verdict.NO_USER;
        return Verdict.USED;
    }

    private static boolean matches(String title, List<String> fragments) {
        for (String f : fragments) if (title.contains(f)) return true;
        return false;
    }

    /** Microsoft's severity words (informational, low, medium, high; any case); unknown ones count as medium. */
    static Severity severity(String microsoft) {
        return switch (microsoft.trim().toLowerCase(Locale.ROOT)) {
            case "informational", "information", "info" -> Severity.INFO;
            case "low" -> Severity.LOW;
            case "high" -> Severity.HIGH;
            default -> Severity.MEDIUM;
        };
    }
}

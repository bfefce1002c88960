package io.aitmdefense.simulate.eval;

import io.aitmdefense.simulate.truth.Stage;
import io.aitmdefense.simulate.truth.Technique;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which victims a detection is expected to catch, the denominator of its recall. A detection applies to a victim
 * when the victim went through the step the detection looks for (for example a persistence stage for
 * signin-then-persistence) and, for the replay detections, when the technique shows the signal at all (device-code
 * phishing has no stolen session to replay). Detections with no truth counterpart (token-protection-failure,
 * impossible-travel) apply to nobody: only their precision is measured. docs/evaluation.md has the table.
 */
public final class DetectionScope {
    private static final Set<Technique> SESSION_THEFT = EnumSet.of(Technique.EVILGINX_COOKIE_REPLAY, Technique.TYCOON_KIT,
            Technique.PAUSED_PERSISTENCE);
    /** Replays whose token reaches Entra non-interactively: no interactive sign-in shows the token's MFA claim. */
    private static final Set<Technique> NON_INTERACTIVE_REPLAY = EnumSet.of(Technique.DEVICE_CODE_PHISH,
            Technique.FAMILY_REFRESH_PIVOT, Technique.AUTH_CODE_PHISH);

    private DetectionScope() {
    }

    public static boolean applies(String detectionId, VictimCase v) {
        Set<Stage> s = v.stages();
        boolean replay = s.contains(Stage.REPLAY);
        return switch (detectionId) {
            case "session-replay", "client-mismatch" -> replay && SESSION_THEFT.contains(v.technique());
            case "hosting-ip-signin" -> replay;
            case "token-without-mfa" -> replay && !NON_INTERACTIVE_REPLAY.contains(v.technique());
            case "device-code-phish" -> v.technique() == Technique.DEVICE_CODE_PHISH;
            case "signin-then-persistence" -> s.stream().anyMatch(Stage::persistence);
            case "mass-mail-access" -> s.contains(Stage.MAIL_ACCESS);
            case "bec-send" -> s.contains(Stage.BEC_SEND);
            case "risk-anomalous-token" -> s.contains(Stage.RISK_DETECTION);
            case "ca-tampering" -> s.contains(Stage.CA_TAMPERING);
            case "residential-proxy-replay" -> replay && v.technique() == Technique.RESIDENTIAL_PROXY_REPLAY;
            case "refresh-token-pivot" -> replay && v.technique() == Technique.FAMILY_REFRESH_PIVOT;
            case "auth-code-phish" -> replay && v.technique() == Technique.AUTH_CODE_PHISH;
            case "persistence-after-pause" -> v.technique() == Technique.PAUSED_PERSISTENCE && s.stream().anyMatch(Stage::persistence);
            case "mail-forwarding-or-hiding" -> s.contains(Stage.INBOX_RULE) || s.contains(Stage.MAILBOX_FORWARDING);
            default -> false;
        };
    }
}

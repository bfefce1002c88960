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
    private static final Set<Technique> SESSION_THEFT = EnumSet.of(Technique.EVILGINX_COOKIE_REPLAY, Technique.TYCOON_KIT);

    private DetectionScope() {
    }

    public static boolean applies(String detectionId, VictimCase v) {
        Set<Stage> s = v.stages();
        boolean replay = s.contains(Stage.REPLAY);
        return switch (detectionId) {
            case "session-replay", "client-mismatch" -> replay && SESSION_THEFT.contains(v.technique());
            case "hosting-ip-signin" -> replay;
            case "token-without-mfa" -> replay && v.technique() != Technique.DEVICE_CODE_PHISH;
            case "device-code-phish" -> v.technique() == Technique.DEVICE_CODE_PHISH;
            case "signin-then-persistence" -> s.stream().anyMatch(Stage::persistence);
            case "mass-mail-access" -> s.contains(Stage.MAIL_ACCESS);
            case "bec-send" -> s.contains(Stage.BEC_SEND);
            case "risk-anomalous-token" -> s.contains(Stage.RISK_DETECTION);
            case "ca-tampering" -> s.contains(Stage.CA_TAMPERING);
            default -> false;
        };
    }
}

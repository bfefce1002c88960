package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.detect.config.DetectConfig;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every detection the product ships, in catalogue order. The one place that knows them all: the engine runs
 * {@link #enabled}, reports and {@code aitm detect --explain} read {@link #infos}.
 */
public final class Catalogue {
    private static final List<Function<DetectConfig, Detection>> FACTORIES = List.of(
            SessionReplayDetection::new,
            HostingIpSignInDetection::new,
            ClientMismatchDetection::new,
            TokenWithoutMfaDetection::new,
            TokenProtectionFailureDetection::new,
            DeviceCodePhishDetection::new,
            ImpossibleTravelDetection::new,
            SignInThenPersistenceDetection::new,
            MassMailAccessDetection::new,
            BecSendDetection::new,
            RiskAnomalousTokenDetection::new,
            CaTamperingDetection::new,
            MicrosoftAlertDetection::new);

    private Catalogue() {
    }

    /** The detections the configuration leaves enabled ({@code detections.<id>.enabled}, default true). */
    public static List<Detection> enabled(DetectConfig config) {
        return FACTORIES.stream().map(f -> f.apply(config)).filter(d -> config.enabled(d.info().id())).toList();
    }

    public static List<DetectionInfo> infos() {
        DetectConfig defaults = DetectConfig.defaults();
        return FACTORIES.stream().map(f -> f.apply(defaults).info()).toList();
    }

    public static Optional<DetectionInfo> info(String id) {
        return infos().stream().filter(i -> i.id().equals(id)).findFirst();
    }
}

package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.model.DetectionInfo;
import io.aitmdefense.detect.config.DetectConfig;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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
            MicrosoftAlertDetection::new,
            ResidentialProxyReplayDetection::new,
            RefreshTokenPivotDetection::new,
            AuthCodePhishDetection::new,
            PersistenceAfterPauseDetection::new,
            MailForwardingOrHidingDetection::new,
            RiskySignInDetection::new,
            TenantTrustChangeDetection::new);

    private Catalogue() {
    }

    /**
     * The detections the configuration leaves enabled ({@code detections.<id>.enabled}, default true).
     *
     * @throws IllegalArgumentException when the configuration names a detection or a threshold that does not exist
     *                                  (the message names the file, line and the close name that was probably meant)
     */
    public static List<Detection> enabled(DetectConfig config) {
        List<Detection> all = FACTORIES.stream().map(f -> f.apply(config)).toList();
        all.forEach(d -> config.enabled(d.info().id()));
        config.checkDetections(all.stream().map(d -> d.info().id()).collect(Collectors.toCollection(LinkedHashSet::new)));
        return all.stream().filter(d -> config.enabled(d.info().id())).toList();
    }

    /** {@code aitm detect --show-config}: every effective setting, each detection's thresholds beside the detection. */
    public static String configText(DetectConfig config) {
        List<Detection> all = FACTORIES.stream().map(f -> f.apply(config)).toList();
        all.forEach(d -> config.enabled(d.info().id()));
        return config.effectiveText(all.stream().map(d -> d.info().id()).toList());
    }

    public static List<DetectionInfo> infos() {
        DetectConfig defaults = DetectConfig.defaults();
        return FACTORIES.stream().map(f -> f.apply(defaults).info()).toList();
    }

    public static Optional<DetectionInfo> info(String id) {
        return infos().stream().filter(i -> i.id().equals(id)).findFirst();
    }
}

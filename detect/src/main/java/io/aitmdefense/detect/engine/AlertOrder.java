package io.aitmdefense.detect.engine;

import io.aitmdefense.model.Alert;

import java.util.Comparator;

/** The order alerts are reported in: independent of which shard or thread produced them. */
public final class AlertOrder {
    public static final Comparator<Alert> DETERMINISTIC = Comparator.comparing(Alert::start)
            .thenComparing(Alert::user)
            .thenComparing(Alert::detectionId)
            .thenComparing(Alert::end)
            .thenComparing(Alert::explanation);

    private AlertOrder() {
    }
}

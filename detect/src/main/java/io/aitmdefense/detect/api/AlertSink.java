package io.aitmdefense.detect.api;

import io.aitmdefense.model.Alert;

/** Receives each alert as soon as the watermark decides it; called from engine threads. */
public interface AlertSink {
    void accept(Alert alert);
}

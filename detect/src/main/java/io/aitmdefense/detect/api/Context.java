package io.aitmdefense.detect.api;

import io.aitmdefense.model.Alert;

import io.aitmdefense.detect.enrich.Enrichment;

import java.time.Instant;

/** What a runtime gives a detection for the key (user) being processed. */
public interface Context {

    /** The user key of the current event or timer. */
    String key();

    /** This key's value of the given state; created empty on first use and expired after its time-to-live. */
    <T> ValueState<T> state(StateDescriptor<T> descriptor);

    /** Calls {@link Detection#onTimer} for this key once the watermark reaches {@code time}. */
    void registerTimer(Instant time);

    /** The event time up to which all input is considered complete. */
    Instant watermark();

    void emit(Alert alert);

    /** IP→ASN and owner, hosting/SASE/Microsoft classification and the tenant's own context (trusted networks, VIPs). */
    Enrichment enrichment();
}

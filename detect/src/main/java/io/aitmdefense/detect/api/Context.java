package io.aitmdefense.detect.api;

import io.aitmdefense.model.Alert;

import io.aitmdefense.detect.enrich.Enrichment;

import java.time.Instant;

/** What a runtime gives a detection for the key (one user of one tenant) being processed. */
public interface Context {

    /**
     * The key of the current event or timer: the tenant and the user's object id ({@code tenant/objectId}), or the
     * lower-cased UPN where no record ties it to an object id; the id alone for logs that name no tenant.
     */
    String key();

    /** The Entra tenant id of this key, "" when the logs name none. */
    String tenant();

    /** The user as a person reads it: the UPN when the logs tie one to the key, else the key's id. */
    String user();

    /** This key's value of the given state; created empty on first use and expired after its time-to-live. */
    <T> ValueState<T> state(StateDescriptor<T> descriptor);

    /** Calls {@link Detection#onTimer} for this key once the watermark reaches {@code time}. */
    void registerTimer(Instant time);

    /** The event time up to which all input is considered complete. */
    Instant watermark();

    void emit(Alert alert);

    /** IP→ASN and owner, hosting/SASE/Microsoft classification and this key's tenant's context (trusted networks, VIPs). */
    Enrichment enrichment();
}

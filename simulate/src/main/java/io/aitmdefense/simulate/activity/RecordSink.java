package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.log.LogRecord;

/** Receives generated records in generation order; the writer re-orders them by arrival. */
@FunctionalInterface
public interface RecordSink {
    void add(LogRecord record);
}

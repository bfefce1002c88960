package io.aitmdefense.simulate.write;

/** The spelling of a record: Log Analytics columns, diagnostic-settings properties, or Graph resources. */
enum Style {
    LOG_ANALYTICS, EVENT_HUBS, GRAPH;

    boolean pascal() {
        return this == LOG_ANALYTICS;
    }
}

package io.aitmdefense.detect.rules;

import io.aitmdefense.model.DetectionInfo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One detection written as a scheduled query: the KQL Microsoft Sentinel runs every {@code frequency} over the last
 * {@code period}, the tables it reads, the columns it maps to entities ({@code AccountUpn}, {@code IPAddress}), what
 * the query loses against the stateful detection, and — when the single-record part of the logic fits Sigma — the
 * Sigma form.
 */
public record QueryRule(DetectionInfo info, String finds, String loses, Duration frequency, Duration period,
                        List<String> tables, String kql, boolean mapsIp, Optional<Sigma> sigma) {

    /**
     * The Sigma form: a {@code logsource} service of product azure, the search identifiers and condition, and what this
     * form loses beyond the KQL one.
     */
    public record Sigma(String service, java.util.Map<String, Object> detection, String loses) {

        /** Field-value pairs in the order given, so the rule file is the same every time. */
        static java.util.Map<String, Object> fields(Object... keysAndValues) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
            return m;
        }
    }
}

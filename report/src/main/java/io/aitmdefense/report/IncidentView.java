package io.aitmdefense.report;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.incident.Incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An incident as the outputs for people lay it out: one step per alert at the time of the action it is about (the
 * inbox rule at 18:35, not the sign-in that opened the alert's window at 17:54), and every log record behind the
 * alerts once, with the detections that cite it.
 */
public final class IncidentView {
    private IncidentView() {
    }

    /** One alert placed at the event time of its anchoring record; {@code what} is that record's summary. */
    public record Step(Instant time, KillChainStage stage, Alert alert, String what) {
    }

    /** One log record, cited by one or more alerts of the incident, each perhaps with its own summary. */
    public record Record(Evidence evidence, List<String> detections, List<String> summaries) {
        public RecordRef record() {
            return evidence.record();
        }
    }

    /** The incident's alerts as steps in the order they happened. */
    public static List<Step> steps(Incident incident) {
        List<Step> steps = new ArrayList<>();
        for (Alert a : incident.alerts()) {
            Optional<Evidence> anchor = anchor(a);
            steps.add(new Step(anchor.map(Evidence::time).orElse(a.start()), a.stage(), a,
                    anchor.map(Evidence::summary).orElse(a.title())));
        }
        steps.sort(Comparator.comparing(Step::time).thenComparing(Step::stage));
        return steps;
    }

    /**
     * The record an alert is about (the planted rule, the replayed use): the one of its evidence its id was made from
     * ({@link Alert#idOf}). Empty for an alert whose anchoring record is not among its evidence.
     */
    public static Optional<Evidence> anchor(Alert a) {
        for (Evidence e : a.evidence()) {
            RecordRef r = e.record();
            String anchorId = r.recordId().isEmpty() ? r.location() : r.recordId();
            if (Alert.idOf(a.tenant(), a.detectionId(), a.userKey(), anchorId).equals(a.id())) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** Every record behind the incident's alerts once, in time order. */
    public static List<Record> records(Incident incident) {
        Map<RecordRef, Evidence> first = new LinkedHashMap<>();
        Map<RecordRef, Set<String>> detections = new LinkedHashMap<>();
        Map<RecordRef, Set<String>> summaries = new LinkedHashMap<>();
        for (Alert a : incident.alerts()) {
            for (Evidence e : a.evidence()) {
                RecordRef key = e.record();
                first.putIfAbsent(key, e);
                detections.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(a.detectionId());
                summaries.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(e.summary());
            }
        }
        List<Record> records = new ArrayList<>(first.size());
        first.forEach((k, e) -> records.add(new Record(e, List.copyOf(detections.get(k)), List.copyOf(summaries.get(k)))));
        records.sort(Comparator.comparing((Record r) -> r.evidence().time()).thenComparing(r -> r.record().file())
                .thenComparingLong(r -> r.record().line()).thenComparingInt(r -> r.record().index()));
        return records;
    }
}

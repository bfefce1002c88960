package io.aitmdefense.server.notify;

import io.aitmdefense.model.Alert;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.incident.Incident;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a notification says: which incident, what happened to it, how bad, and the link to it in the console. */
public record Notification(String event, String incidentId, String tenant, String user, String severity, String summary,
                           List<String> stages, List<String> detections, int alerts, String link) {
    public static final String CREATED = "created";
    public static final String SEVERITY_RAISED = "severity-raised";

    public static Notification of(String event, Incident i, String consoleUrl) {
        Set<String> detections = new LinkedHashSet<>();
        for (Alert a : i.alerts()) detections.add(a.detectionId());
        String base = consoleUrl.endsWith("/") ? consoleUrl.substring(0, consoleUrl.length() - 1) : consoleUrl;
        return new Notification(event, i.id(), i.tenant(), i.user(), i.severity().label(), i.summary(),
                i.stages().stream().map(KillChainStage::label).toList(), List.copyOf(detections), i.alerts().size(),
                base + "/incidents/" + i.id());
    }

    /** The one-line headline every channel starts with. */
    public String title() {
        return (event.equals(CREATED) ? "New " + severity + " incident: " : "Severity raised to " + severity + ": ") + user;
    }
}

package io.aitmdefense.posture.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One Conditional Access policy as exported. {@code id} is empty for templates that have none; {@code source} names
 * the file it came from. {@code unknownFields} maps the JSON path of each field this model does not know (beta
 * additions such as {@code conditions.agents}) to its raw JSON text, so nothing in the export is lost.
 */
public record ConditionalAccessPolicy(
        String id,
        String displayName,
        PolicyState state,
        Optional<Instant> createdDateTime,
        Optional<Instant> modifiedDateTime,
        Optional<String> templateId,
        Conditions conditions,
        Optional<GrantControls> grantControls,
        SessionControls sessionControls,
        String source,
        Map<String, String> unknownFields) {

    public ConditionalAccessPolicy {
        unknownFields = Map.copyOf(unknownFields);
    }

    public boolean enforced() {
        return state == PolicyState.ENABLED;
    }

    public boolean reportOnly() {
        return state == PolicyState.REPORT_ONLY;
    }

    /** A stable label for messages: the display name, else the id, else the source file. */
    public String label() {
        if (!displayName.isBlank()) return displayName;
        if (!id.isBlank()) return id;
        return source;
    }
}

package io.aitmdefense.server.contain;

import io.aitmdefense.respond.config.RespondSettings;

import java.util.Map;
import java.util.Optional;

/**
 * Each tenant's response settings (its tenant file's {@code microsoft:}, {@code tenant.breakGlass} and
 * {@code respond:}), by Entra tenant id; a serve file with one tenant file answers for every tenant with it.
 */
public record ResponseTenants(Map<String, RespondSettings> byId, Optional<RespondSettings> fallback) {
    public static final ResponseTenants NONE = new ResponseTenants(Map.of(), Optional.empty());

    public ResponseTenants {
        byId = Map.copyOf(byId);
    }

    /** The settings for an incident's tenant; {@link RespondSettings#NONE} (plan only, no automatic runs) when unknown. */
    public RespondSettings of(String tenant) {
        RespondSettings s = byId.get(tenant);
        return s != null ? s : fallback.orElse(RespondSettings.NONE);
    }
}

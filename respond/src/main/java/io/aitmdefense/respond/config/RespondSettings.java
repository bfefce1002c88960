package io.aitmdefense.respond.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.aitmdefense.graph.config.MicrosoftSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code aitm respond} reads from the tenant file: the {@code microsoft:} connection (docs/microsoft.md),
 * {@code tenant.breakGlass}, and the {@code respond:} section:
 * <pre>
 * respond:
 *   exchange: true            # the app may run Exchange cmdlets (Exchange.ManageAsApp + Exchange Recipient Administrator)
 *   auto:                     # automatic containment; off unless detections are listed
 *     detections: [signin-then-persistence, session-cookie-replay]
 *     minConfidence: 0.9
 *     onCanaryAtRisk: revoke-sessions   # revoke the sessions of a user the sign-in page canary names at risk
 * </pre>
 */
public record RespondSettings(Optional<MicrosoftSettings> microsoft, Set<String> breakGlass, boolean exchange,
                              AutoPolicy auto) {
    private static final Set<String> RESPOND_KEYS = Set.of("exchange", "auto");
    private static final Set<String> AUTO_KEYS = Set.of("detections", "minConfidence", "onCanaryAtRisk");

    public static final RespondSettings NONE = new RespondSettings(Optional.empty(), Set.of(), false, AutoPolicy.OFF);

    /**
     * @throws IOException naming the file and the key for anything wrong
     */
    public static RespondSettings load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ":" + (e.getLocation() == null ? 0 : e.getLocation().getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) root = YAMLMapper.builder().build().createObjectNode();
        List<String> problems = new ArrayList<>();
        Optional<MicrosoftSettings> ms = Optional.empty();
        if (root.has("microsoft")) {
            try {
                ms = Optional.of(MicrosoftSettings.parse(root.get("microsoft"), file));
            } catch (io.aitmdefense.graph.config.SettingsException e) {
                problems.addAll(e.problems());
            }
        }
        Set<String> glass = new LinkedHashSet<>();
        root.path("tenant").path("breakGlass").forEach(n -> glass.add(n.asText().toLowerCase(Locale.ROOT)));
        JsonNode respond = root.path("respond");
        respond.fieldNames().forEachRemaining(k -> {
            if (!RESPOND_KEYS.contains(k)) problems.add(file + ": respond." + k + ": unknown key; known: " + RESPOND_KEYS);
        });
        JsonNode ex = respond.path("exchange");
        if (!ex.isMissingNode() && !ex.isBoolean()) problems.add(file + ": respond.exchange: expected true or false");
        AutoPolicy auto = AutoPolicy.OFF;
        JsonNode a = respond.path("auto");
        if (!a.isMissingNode()) {
            a.fieldNames().forEachRemaining(k -> {
                if (!AUTO_KEYS.contains(k)) problems.add(file + ": respond.auto." + k + ": unknown key; known: " + AUTO_KEYS);
            });
            List<String> detections = new ArrayList<>();
            JsonNode d = a.path("detections");
            if (!d.isMissingNode() && !d.isArray()) problems.add(file + ": respond.auto.detections: expected a list of detection ids");
            d.forEach(n -> detections.add(n.asText()));
            double min = 0.9;
            JsonNode c = a.path("minConfidence");
            if (!c.isMissingNode()) {
                if (!c.isNumber() || c.asDouble() < 0 || c.asDouble() > 1) {
                    problems.add(file + ": respond.auto.minConfidence: expected a number from 0 to 1, got '" + c.asText() + "'");
                } else {
                    min = c.asDouble();
                }
            }
            boolean canary = false;
            JsonNode o = a.path("onCanaryAtRisk");
            if (!o.isMissingNode() && !o.isNull()) {
                if (o.asText().equals(AutoPolicy.REVOKE_SESSIONS)) canary = true;
                else if (!o.asText().equals("off")) {
                    problems.add(file + ": respond.auto.onCanaryAtRisk: expected " + AutoPolicy.REVOKE_SESSIONS + " or off, got '" + o.asText() + "'");
                }
            }
            auto = new AutoPolicy(detections, min, canary);
        }
        if (!problems.isEmpty()) throw new IOException(String.join("\n", problems));
        return new RespondSettings(ms, glass, ex.asBoolean(false), auto);
    }
}

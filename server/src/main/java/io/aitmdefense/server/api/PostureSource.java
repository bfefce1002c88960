package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.harden.plan.PlanOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The serve file's {@code posture:} section: export folders or files and the break-glass accounts' object ids (for
 * {@code /api/v1/posture}); for {@code /api/v1/harden} also the pilot group every generated policy starts with, the
 * display-name prefix of our policies, and the sign-in log files or folders the rollout gate reads.
 */
public record PostureSource(List<Path> exports, Set<String> breakGlass, Optional<String> pilotGroup, String prefix,
                            List<Path> signIns) {
    private static final List<String> KEYS = List.of("breakGlass", "exports", "pilotGroup", "prefix", "signIns");

    public PostureSource {
        exports = List.copyOf(exports);
        breakGlass = Set.copyOf(breakGlass);
        signIns = List.copyOf(signIns);
    }

    /** Posture only: no harden settings. */
    public PostureSource(List<Path> exports, Set<String> breakGlass) {
        this(exports, breakGlass, Optional.empty(), PlanOptions.DEFAULT_PREFIX, List.of());
    }

    /**
     * @throws IllegalArgumentException naming the file and key
     */
    public static Optional<PostureSource> parse(JsonNode node, Path base, String file) {
        if (node == null || node.isMissingNode() || node.isNull()) return Optional.empty();
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(file + ": unknown key posture." + k + " (known: " + String.join(", ", KEYS) + ")");
            }
        });
        List<Path> exports = paths(node.path("exports"), base);
        if (exports.isEmpty()) throw new IllegalArgumentException(file + ": posture.exports: name the CA export folder or files");
        Set<String> breakGlass = new LinkedHashSet<>();
        node.path("breakGlass").forEach(b -> breakGlass.add(b.asText()));
        Optional<String> pilot = Optional.of(node.path("pilotGroup").asText("").trim()).filter(s -> !s.isEmpty());
        if (pilot.isPresent() && breakGlass.isEmpty()) {
            throw new IllegalArgumentException(file + ": posture.breakGlass: the generated policies exclude the break-glass "
                    + "accounts; name at least one object id (group:ID or user:ID to say which)");
        }
        String prefix = node.path("prefix").asText(PlanOptions.DEFAULT_PREFIX);
        if (prefix.isBlank()) throw new IllegalArgumentException(file + ": posture.prefix must not be empty: the gate finds our policies by it");
        return Optional.of(new PostureSource(exports, breakGlass, pilot, prefix, paths(node.path("signIns"), base)));
    }

    private static List<Path> paths(JsonNode list, Path base) {
        List<Path> out = new ArrayList<>();
        if (list.isTextual()) out.add(base.resolve(list.asText()));
        else list.forEach(e -> out.add(base.resolve(e.asText())));
        return out;
    }

    /** Every file the posture and harden views are read from: when one changes they are read again. */
    List<Path> inputs() {
        List<Path> all = new ArrayList<>(exports);
        all.addAll(signIns);
        return all;
    }
}

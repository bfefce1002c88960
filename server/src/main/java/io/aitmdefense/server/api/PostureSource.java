package io.aitmdefense.server.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The serve file's {@code posture:} section: export folders or files, and the break-glass accounts' object ids. */
public record PostureSource(List<Path> exports, Set<String> breakGlass) {
    /**
     * @throws IllegalArgumentException naming the file and key
     */
    public static Optional<PostureSource> parse(JsonNode node, Path base, String file) {
        if (node == null || node.isMissingNode() || node.isNull()) return Optional.empty();
        node.fieldNames().forEachRemaining(k -> {
            if (!k.equals("exports") && !k.equals("breakGlass")) {
                throw new IllegalArgumentException(file + ": unknown key posture." + k + " (known: breakGlass, exports)");
            }
        });
        List<Path> exports = new ArrayList<>();
        node.path("exports").forEach(e -> exports.add(base.resolve(e.asText())));
        if (exports.isEmpty()) throw new IllegalArgumentException(file + ": posture.exports: name the CA export folder or files");
        Set<String> breakGlass = new LinkedHashSet<>();
        node.path("breakGlass").forEach(b -> breakGlass.add(b.asText()));
        return Optional.of(new PostureSource(List.copyOf(exports), Set.copyOf(breakGlass)));
    }
}

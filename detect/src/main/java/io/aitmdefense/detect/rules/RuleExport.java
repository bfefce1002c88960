package io.aitmdefense.detect.rules;

import io.aitmdefense.detect.config.DetectConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the catalogue's query rules for the SIEM a user already has: one YAML file per rule, named by detection id. */
public final class RuleExport {

    public enum Format {
        SENTINEL, SIGMA;

        /** "sentinel" or "sigma", any case. */
        public static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a rule format; use sentinel or sigma");
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private RuleExport() {
    }

    /** The files written, in catalogue order. Existing files of the same names are replaced; nothing else is touched. */
    public static List<Path> write(Format format, Path dir, DetectConfig config, LocalDate date) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (QueryRule rule : RuleCatalogue.rules(config)) {
            String text;
            if (format == Format.SENTINEL) text = SentinelRule.yaml(rule);
            else if (rule.sigma().isPresent()) text = SigmaRule.yaml(rule, date);
            else continue;
            Path file = dir.resolve(rule.info().id() + ".yaml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }
}

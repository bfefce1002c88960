package io.aitmdefense.detect.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** YAML as the rule repositories write it: block style, multi-line text as literal blocks, no document marker. */
final class RuleYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // ResultType "0" must stay a string: Sigma backends compare types
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private RuleYaml() {
    }

    static String write(Map<String, Object> document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // maps of strings, numbers and lists always serialise
        }
    }

    /** A rule id that stays the same for a detection across exports, so re-importing updates instead of duplicating. */
    static String stableId(String namespace, String detectionId) {
        return UUID.nameUUIDFromBytes(("aitm-defense/" + namespace + "/" + detectionId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

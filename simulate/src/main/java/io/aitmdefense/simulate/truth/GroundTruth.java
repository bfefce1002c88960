package io.aitmdefense.simulate.truth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The labels of a simulated tenant ({@code truth.json}): how it was generated, the rows written per table, every attack
 * campaign with its victims, stages and attacker record ids, and the benign population. An evaluator reads it with
 * {@link #read(Path)} and matches alert evidence against {@link EventRef} ids.
 */
public record GroundTruth(int version, long seed, String start, int users, int days, List<String> formats,
                          Map<String, Long> rows, TenantTruth tenant, List<CampaignTruth> campaigns, BenignTruth benign) {

    public static final int VERSION = 1;

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static GroundTruth read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), GroundTruth.class);
    }

    public void write(Path file) throws IOException {
        mapper().writeValue(file.toFile(), this);
    }
}

package io.aitmdefense.posture.read;

import io.aitmdefense.posture.model.ConditionalAccessSnapshot;

import java.util.List;

/**
 * What a read produced. {@code errors} are inputs (files or objects) that could not be used; {@code warnings} are
 * kept-but-questionable values (placeholders, unknown enum members, missing state). Neither stops the read.
 */
public record CaReadResult(
        ConditionalAccessSnapshot snapshot,
        int filesRead,
        List<ReadProblem> errors,
        List<ReadProblem> warnings,
        List<UnknownField> unknownFields) {

    public CaReadResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        unknownFields = List.copyOf(unknownFields);
    }

    public boolean clean() {
        return errors.isEmpty();
    }
}

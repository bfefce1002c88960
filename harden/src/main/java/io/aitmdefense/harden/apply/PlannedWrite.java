package io.aitmdefense.harden.apply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of apply's diff: a write to send, or why none is needed (already so), possible (waiting for a policy to be
 * On) or safe (the live object differs from the committed one: drift, not something to overwrite blindly).
 */
public record PlannedWrite(Kind kind, int step, String method, String apiVersion, String path, String what, JsonNode body,
                           String note) {

    public enum Kind {
        WRITE("write"), UNCHANGED("unchanged"), WAITING("waiting"), CONFLICT("conflict");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}

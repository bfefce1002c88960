package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.aitmdefense.respond.api.Reply;

import java.util.List;

/**
 * The state of a step's target, read before and after the write.
 *
 * @param snapshot the object(s) read, kept in the audit trail as before/after (a deleted rule can be re-created from it)
 * @param ids the live ids the write acts on (the rule id matched from the evidence, the grant ids…)
 * @param detail one line for a person: {@code accountEnabled true}, {@code rule "x" AQAAAJ5dZqA= forwards to …}
 */
public record Observation(State state, JsonNode snapshot, List<String> ids, String detail, Reply reply) {

    public Observation {
        ids = List.copyOf(ids);
    }

    public enum State {
        /** The write is still to be done. */
        TODO,
        /** Already in the wanted state: nothing to write. */
        DONE,
        /** The target the evidence names is not there (gone, or hidden from this API). */
        NOT_FOUND,
        /** The evidence matches more than one object; a person must choose. */
        AMBIGUOUS,
        /** The read failed (permission, licence, throttling beyond the retries). */
        UNREADABLE
    }

    public static Observation unreadable(Reply r) {
        return new Observation(State.UNREADABLE, MissingNode.getInstance(), List.of(), "read failed: " + r.describe(), r);
    }
}

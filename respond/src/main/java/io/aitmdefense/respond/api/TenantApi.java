package io.aitmdefense.respond.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What the playbook needs from Microsoft: one call at a time, or several reads at once. Implementations retry
 * throttled calls themselves (and never a non-idempotent one without a fresh read), so a {@link Reply} is final.
 */
public interface TenantApi {

    Reply call(Call call);

    /** Several independent calls; replies in the order of {@code calls}. Graph sends them as JSON batches. */
    default List<Reply> batch(List<Call> calls) {
        List<Reply> replies = new ArrayList<>(calls.size());
        calls.forEach(c -> replies.add(call(c)));
        return replies;
    }

    /** Whether Exchange admin REST is configured; without it Exchange-only steps become a script for a person. */
    boolean exchange();
}

package io.aitmdefense.respond.action;

import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.TenantApi;

import java.util.List;

/**
 * One playbook step against the tenant, in the step contract of reference/graph-response.md §3.1: read the target,
 * say what would change, write once, read back. Implementations only build requests and judge answers; the
 * {@link io.aitmdefense.respond.run.Runner} decides whether a write may be sent and audits everything.
 */
public interface Action {

    /** Reads the target; also the read-back after the write. */
    Observation observe(TenantApi api);

    /** The write(s) that move the target from {@code before} to the wanted state; one per live object. */
    List<Call> writes(Observation before);

    /** What the writes will change, for the dry-run diff: {@code accountEnabled: true → false}. */
    String change(Observation before);
}

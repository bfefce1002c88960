package io.aitmdefense.posture.assess;

import java.util.List;
import java.util.Set;

/**
 * One matrix cell: whether {@code control} breaks {@code step}, by which policies (enforced ones, else report-only
 * ones), for which personas, which probed personas, platforms, clients or resources no enforced policy reached
 * ({@code uncovered}), and what else the cell leaves open ({@code note}, empty when nothing to add).
 */
public record CoverageCell(
        KillChainStep step,
        Control control,
        CellStatus status,
        List<String> policies,
        Set<Persona> personas,
        List<String> uncovered,
        String note) {

    public CoverageCell {
        policies = List.copyOf(policies);
        personas = Set.copyOf(personas);
        uncovered = List.copyOf(uncovered);
    }
}

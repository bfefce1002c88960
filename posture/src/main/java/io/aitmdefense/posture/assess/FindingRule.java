package io.aitmdefense.posture.assess;

import java.util.List;

/** One posture check (one class each, Maester style): the {@link Check} it reports and how it finds it. */
interface FindingRule {

    Check check();

    /** The findings of this check for one assessment; empty when the tenant passes it. */
    List<Finding> findings(CheckContext context);
}

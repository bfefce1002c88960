package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** AITM-CA-017: a report-only policy last modified more than 30 days ago. */
final class LongRunningReportOnly implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-017", Severity.LOW,
            "A report-only policy has not been promoted for more than 30 days",
            "Report-only collects evidence but enforces nothing. A policy left in report-only for months usually "
                    + "means a control everyone believes is on is off.",
            "Review its reportOnlyFailure / reportOnlyInterrupted rows in the sign-in logs, fix the exceptions, then "
                    + "switch it to 'On' (or delete it).");

    static final Duration REPORT_ONLY_LIMIT = Duration.ofDays(30);

    @Override
    public Check check() {
        return Check.LONG_RUNNING_REPORT_ONLY;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (ConditionalAccessPolicy p : context.snapshot().policies()) {
            if (!p.reportOnly()) continue;
            Optional<Instant> since = p.modifiedDateTime().or(p::createdDateTime);
            if (since.isEmpty()) continue;
            long days = Duration.between(since.get(), context.now()).toDays();
            if (days > REPORT_ONLY_LIMIT.toDays()) {
                out.add(new Finding(check(), p.label() + " has been report-only for " + days + " days (last "
                        + "modified " + since.get().toString().substring(0, 10) + ").", List.of(p.label())));
            }
        }
        return out;
    }
}

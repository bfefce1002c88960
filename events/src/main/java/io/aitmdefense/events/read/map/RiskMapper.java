package io.aitmdefense.events.read.map;

import io.aitmdefense.events.IpAddress;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.Timestamps;
import io.aitmdefense.events.read.row.Row;

import static io.aitmdefense.events.read.row.Fields.*;

/** Identity Protection risk detections (AADUserRiskEvents, UserRiskEvents, Graph riskDetections) and risky-user records. */
final class RiskMapper {
    private RiskMapper() {
    }

    static RiskDetection detection(Row r, Source src, String tenant) {
        String userAgent = "";
        for (Row kv : r.objects(ADDITIONAL_INFO)) {
            if (kv.text(KEY).equalsIgnoreCase("userAgent")) userAgent = kv.text(VALUE);
        }
        return new RiskDetection(Timestamps.parse(r.first(ACTIVITY_TIME, DETECTED_TIME, TIME_GENERATED, TIME)), src, tenant,
                r.text(ID), r.text(REQUEST_ID), r.text(CORRELATION_ID), r.text(USER_ID), r.text(UPN),
                r.first(RISK_EVENT_TYPE, RISK_TYPE), r.text(RISK_LEVEL), r.text(RISK_STATE), r.text(RISK_DETAIL),
                r.text(TIMING), r.text(SOURCE), r.text(ACTIVITY), IpAddress.normalise(r.text(IP)), SignInMapper.geo(r),
                userAgent);
    }

    /** A RiskyUsers state record: the user's current aggregate risk, kept as detection type "riskyUser". */
    static RiskDetection riskyUser(Row r, Source src, String tenant) {
        return new RiskDetection(Timestamps.parse(r.first(LAST_UPDATED_TIME, TIME_GENERATED, TIME)), src, tenant,
                r.text(ID), "", r.text(CORRELATION_ID), r.first(ID, USER_ID), r.text(UPN), "riskyUser", r.text(RISK_LEVEL),
                r.text(RISK_STATE), r.text(RISK_DETAIL), "", "IdentityProtection", "user", "",
                io.aitmdefense.events.Geo.UNKNOWN, "");
    }
}

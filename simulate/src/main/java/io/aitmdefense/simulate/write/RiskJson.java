package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.RiskRecord;

import java.io.IOException;

/** The fields of a risk detection: AADUserRiskEvents columns, UserRiskEvents properties or a Graph riskDetection. */
final class RiskJson {
    private RiskJson() {
    }

    static void fields(JsonGenerator g, RiskRecord r, Style s, Nested nested) throws IOException {
        boolean la = s == Style.LOG_ANALYTICS;
        String activity = s == Style.EVENT_HUBS ? Times.ticksOffset(r.time()) : Times.ticksZ(r.time());
        String detected = s == Style.EVENT_HUBS ? Times.ticksOffset(r.detected()) : Times.ticksZ(r.detected());
        g.writeStringField(la ? "Id" : "id", r.id());
        g.writeStringField(la ? "RequestId" : "requestId", r.requestId());
        g.writeStringField(la ? "CorrelationId" : "correlationId", r.correlationId());
        if (!la) g.writeStringField("riskType", r.riskEventType());
        g.writeStringField(la ? "RiskEventType" : "riskEventType", r.riskEventType());
        g.writeStringField(la ? "RiskState" : "riskState", r.state());
        g.writeStringField(la ? "RiskLevel" : "riskLevel", r.level());
        g.writeStringField(la ? "RiskDetail" : "riskDetail", r.detail());
        g.writeStringField(la ? "Source" : "source", "IdentityProtection");
        g.writeStringField(la ? "DetectionTimingType" : "detectionTimingType", r.timing());
        g.writeStringField(la ? "Activity" : "activity", "signin");
        g.writeStringField(la ? "TokenIssuerType" : "tokenIssuerType", "AzureAD");
        g.writeStringField(la ? "IpAddress" : "ipAddress", r.ip());
        g.writeFieldName(la ? "Location" : "location");
        g.writeStartObject();
        g.writeStringField("city", r.place().city());
        g.writeStringField("state", r.place().state());
        g.writeStringField("countryOrRegion", r.place().country());
        g.writeObjectFieldStart("geoCoordinates");
        g.writeNumberField("latitude", r.place().latitude());
        g.writeNumberField("longitude", r.place().longitude());
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField(la ? "ActivityDateTime" : "activityDateTime", activity);
        g.writeStringField(la ? "DetectedDateTime" : "detectedDateTime", detected);
        g.writeStringField(la ? "LastUpdatedDateTime" : "lastUpdatedDateTime", detected);
        g.writeStringField(la ? "UserId" : "userId", r.user().id());
        g.writeStringField(la ? "UserDisplayName" : "userDisplayName", r.user().displayName());
        g.writeStringField(la ? "UserPrincipalName" : "userPrincipalName", r.user().userPrincipalName());
        if (s == Style.EVENT_HUBS) g.writeStringField("userType", "member");
        String info = nested.text(n -> {
            n.writeStartArray();
            n.writeStartObject();
            n.writeStringField("Key", "userAgent");
            n.writeStringField("Value", r.userAgent());
            n.writeEndObject();
            n.writeEndArray();
        });
        g.writeStringField(la ? "AdditionalInfo" : "additionalInfo", info);
    }
}

package io.aitmdefense.simulate.write;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.log.SignInRecord.Auth;
import io.aitmdefense.simulate.tenant.CaPolicy.CaContext;
import io.aitmdefense.simulate.tenant.ClientDevice;
import io.aitmdefense.simulate.tenant.NamedLocation;
import io.aitmdefense.simulate.tenant.Place;
import io.aitmdefense.simulate.tenant.Tenant;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The fields of one sign-in, spelled for a style: Log Analytics columns (PascalCase, ASN as a string, several complex
 * columns as JSON text — all of them in the non-interactive table), diagnostic-settings {@code properties} or a Graph
 * beta signIn (camelCase, objects, ASN as a number).
 */
final class SignInJson {
    private static final Map<String, String> LA_NAMES = Map.of(
            "ipAddress", "IPAddress", "resourceId", "ResourceIdentity", "location", "LocationDetails",
            "appliedConditionalAccessPolicies", "ConditionalAccessPolicies", "riskEventTypes_v2", "RiskEventTypes_V2",
            "ipAddressFromResourceProvider", "IPAddressFromResourceProvider");

    private final Tenant tenant;
    private final Nested nested;
    private final CaPolicyJson ca;

    SignInJson(Tenant tenant, Nested nested) {
        this.tenant = tenant;
        this.nested = nested;
        this.ca = new CaPolicyJson(tenant.caPolicies(), nested);
    }

    private static String name(Style s, String camel) {
        if (!s.pascal()) return camel;
        String special = LA_NAMES.get(camel);
        return special != null ? special : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }

    /** The body fields; the caller has written the object start and any envelope fields. */
    void fields(JsonGenerator g, SignInRecord r, Style s) throws IOException {
        boolean la = s == Style.LOG_ANALYTICS;
        // Log Analytics' non-interactive table keeps every complex column as text; SigninLogs only some of them
        boolean allText = la && !r.interactive();
        CaContext context = CaPolicyJson.context(r);
        String time = s == Style.GRAPH ? Times.graph(r.time()) : s == Style.EVENT_HUBS ? Times.ticksOffset(r.time()) : Times.ticksZ(r.time());
        g.writeStringField(name(s, "id"), r.id());
        g.writeStringField(name(s, "createdDateTime"), time);
        g.writeStringField(name(s, "userDisplayName"), r.user().displayName());
        g.writeStringField(name(s, "userPrincipalName"), r.user().userPrincipalName());
        g.writeStringField(name(s, "userId"), r.user().id());
        g.writeStringField(name(s, "userType"), "Member");
        g.writeStringField(name(s, "appId"), r.app().id());
        g.writeStringField(name(s, "appDisplayName"), r.app().name());
        g.writeStringField(name(s, "ipAddress"), r.ip());
        if (la) g.writeStringField("AutonomousSystemNumber", Integer.toString(r.asn()));
        else g.writeNumberField("autonomousSystemNumber", r.asn());
        g.writeStringField(name(s, "clientAppUsed"), r.app().clientAppUsed());
        g.writeStringField(name(s, "userAgent"), r.userAgent());
        g.writeStringField(name(s, "correlationId"), r.correlationId());
        g.writeStringField(name(s, "originalRequestId"), r.id());
        g.writeBooleanField(name(s, "isInteractive"), r.interactive());
        if (s == Style.GRAPH) {
            g.writeArrayFieldStart("signInEventTypes");
            g.writeString(r.interactive() ? "interactiveUser" : "nonInteractiveUser");
            g.writeEndArray();
        }
        g.writeStringField(name(s, "resourceDisplayName"), r.app().resourceName());
        g.writeStringField(name(s, "resourceId"), r.app().resourceId());
        g.writeStringField(name(s, "resourceTenantId"), tenant.tenantId());
        g.writeStringField(name(s, "homeTenantId"), tenant.tenantId());
        g.writeStringField(name(s, "crossTenantAccessType"), "none");
        g.writeStringField(name(s, "tokenIssuerName"), "");
        g.writeStringField(name(s, "tokenIssuerType"), "AzureAD");
        g.writeNumberField(name(s, "processingTimeInMilliseconds"), 40 + (r.id().charAt(0) * 7) % 300);
        g.writeStringField(name(s, "uniqueTokenIdentifier"), r.uniqueTokenId());
        g.writeStringField(name(s, "sessionId"), r.sessionId());
        g.writeStringField(name(s, "incomingTokenType"), r.incomingTokenType());
        g.writeStringField(name(s, "authenticationProtocol"), r.protocol());
        g.writeStringField(name(s, "originalTransferMethod"), r.transferMethod());
        g.writeStringField(name(s, "authenticationRequirement"), requirement(r));
        g.writeStringField(name(s, "conditionalAccessStatus"), ca.status(context));
        g.writeStringField(name(s, "riskDetail"), r.risk().detail());
        g.writeStringField(name(s, "riskLevelAggregated"), r.risk().level());
        g.writeStringField(name(s, "riskLevelDuringSignIn"), r.risk().level());
        g.writeStringField(name(s, "riskState"), r.risk().state());
        g.writeBooleanField(name(s, "isRisky"), !r.risk().eventTypes().isEmpty());
        nested.cachedField(g, name(s, "riskEventTypes"), la, List.of("risk", r.risk().eventTypes()), n -> strings(n, r.risk().eventTypes()));
        nested.cachedField(g, name(s, "riskEventTypes_v2"), la, List.of("risk", r.risk().eventTypes()), n -> strings(n, r.risk().eventTypes()));
        if (la) g.writeStringField("Location", r.place().country());
        nested.cachedField(g, name(s, "status"), allText, List.of("status", r.auth(), r.errorCode()), n -> status(n, r));
        nested.cachedField(g, name(s, "deviceDetail"), allText, List.of("device", r.device(), s), n -> device(n, r.device(), s));
        nested.cachedField(g, name(s, "location"), allText, List.of("place", r.place()), n -> location(n, r.place()));
        nested.cachedField(g, name(s, "mfaDetail"), allText, List.of("mfa", r.auth()), n -> mfaDetail(n, r));
        nested.cachedField(g, name(s, "networkLocationDetails"), la, List.of("named", r.namedLocations()), n -> networkLocations(n, r));
        if (r.auth() == Auth.TOKEN_WITH_MFA_CLAIM) {
            nested.cachedField(g, name(s, "authenticationDetails"), la, "no steps", n -> authDetails(n, r));
        } else {
            nested.field(g, name(s, "authenticationDetails"), la, n -> authDetails(n, r));
        }
        nested.cachedField(g, name(s, "authenticationProcessingDetails"), la,
                List.of("processing", r.app().exchangeOrSharePoint(), r.incomingTokenType(), r.device().managed()),
                n -> processingDetails(n, r));
        nested.cachedField(g, name(s, "tokenProtectionStatusDetails"), allText,
                List.of("binding", r.tokenBound(), r.device().registered()), n -> tokenProtection(n, r));
        if (s == Style.EVENT_HUBS) g.writeStringField("signInTokenProtectionStatus", r.tokenBound() ? "bound" : "unbound");
        boolean graph = s == Style.GRAPH;
        nested.cachedField(g, name(s, "appliedConditionalAccessPolicies"), allText, List.of("ca", context, graph),
                n -> n.writeRawValue(ca.json(context, graph)));
        g.writeBooleanField(name(s, "flaggedForReview"), false);
    }

    private static void strings(JsonGenerator g, java.util.List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }

    private static String requirement(SignInRecord r) {
        return r.auth() == Auth.TOKEN_WITH_MFA_CLAIM && !r.interactive() ? "singleFactorAuthentication" : "multiFactorAuthentication";
    }

    private static String statusDetail(SignInRecord r) {
        return switch (r.auth()) {
            case PASSWORD_AND_PUSH, DEVICE_CODE_WITH_MFA -> "MFA completed in Azure AD";
            case PRT_WITH_MFA_CLAIM, TOKEN_WITH_MFA_CLAIM, REPLAYED_COOKIE -> "MFA requirement satisfied by claim in the token";
            case KMSI_INTERRUPT -> "MFA requirement satisfied by claim in the token";
        };
    }

    private static void status(JsonGenerator g, SignInRecord r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("errorCode", r.errorCode());
        if (r.errorCode() == 50140) {
            g.writeStringField("failureReason", "This error occurred due to 'Keep me signed in' interrupt when the user was signing in.");
        }
        g.writeStringField("additionalDetails", statusDetail(r));
        g.writeEndObject();
    }

    private static void device(JsonGenerator g, ClientDevice d, Style s) throws IOException {
        g.writeStartObject();
        g.writeStringField("deviceId", d.id());
        g.writeStringField("displayName", d.registered() ? d.displayName() : "");
        g.writeStringField("operatingSystem", s == Style.LOG_ANALYTICS ? d.os() : d.osCompact());
        g.writeStringField("browser", d.browser());
        if (d.registered()) {
            g.writeBooleanField("isCompliant", d.compliant());
            g.writeBooleanField("isManaged", d.managed());
            g.writeStringField("trustType", d.trustType());
        }
        g.writeEndObject();
    }

    private static void location(JsonGenerator g, Place p) throws IOException {
        g.writeStartObject();
        g.writeStringField("city", p.city());
        g.writeStringField("state", p.state());
        g.writeStringField("countryOrRegion", p.country());
        g.writeObjectFieldStart("geoCoordinates");
        g.writeNumberField("altitude", 0);
        g.writeNumberField("latitude", p.latitude());
        g.writeNumberField("longitude", p.longitude());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void mfaDetail(JsonGenerator g, SignInRecord r) throws IOException {
        g.writeStartObject();
        if (r.auth() == Auth.PASSWORD_AND_PUSH || r.auth() == Auth.DEVICE_CODE_WITH_MFA) {
            g.writeStringField("authMethod", "Mobile app notification");
            g.writeNullField("authDetail");
        }
        g.writeEndObject();
    }

    private static void networkLocations(JsonGenerator g, SignInRecord r) throws IOException {
        g.writeStartArray();
        for (NamedLocation n : r.namedLocations()) {
            g.writeStartObject();
            g.writeStringField("networkType", n.networkType());
            g.writeArrayFieldStart("networkNames");
            g.writeString(n.name());
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void authDetails(JsonGenerator g, SignInRecord r) throws IOException {
        g.writeStartArray();
        String at = Times.ticksZ(r.time());
        switch (r.auth()) {
            case PASSWORD_AND_PUSH, DEVICE_CODE_WITH_MFA -> {
                step(g, at, "Password", "Password Hash Sync", "Correct password", "Primary authentication", 0);
                step(g, at, "Mobile app notification", "", "MFA successfully completed", "Multi-factor authentication", 1);
            }
            case PRT_WITH_MFA_CLAIM, REPLAYED_COOKIE -> {
                step(g, at, "Previously satisfied", "", "First factor requirement satisfied by claim in the token",
                        "Primary authentication", 0);
                step(g, at, "Previously satisfied", "", "MFA requirement satisfied by claim in the token",
                        "Multi-factor authentication", 1);
            }
            case KMSI_INTERRUPT -> step(g, at, "Password", "Password Hash Sync", "Correct password", "Primary authentication", 0);
            case TOKEN_WITH_MFA_CLAIM -> { }
        }
        g.writeEndArray();
    }

    private static void step(JsonGenerator g, String at, String method, String detail, String result, String requirement,
                             int sequence) throws IOException {
        g.writeStartObject();
        g.writeStringField("authenticationStepDateTime", at);
        g.writeStringField("authenticationMethod", method);
        g.writeStringField("authenticationMethodDetail", detail);
        g.writeBooleanField("succeeded", true);
        g.writeStringField("authenticationStepResultDetail", result);
        g.writeStringField("authenticationStepRequirement", requirement);
        g.writeNumberField("StatusSequence", 0);
        g.writeNumberField("RequestSequence", sequence);
        g.writeEndObject();
    }

    private static void processingDetails(JsonGenerator g, SignInRecord r) throws IOException {
        g.writeStartArray();
        keyValue(g, "Legacy TLS (TLS 1.0, 1.1, 3DES)", "False");
        keyValue(g, "Oauth Scope Info", r.app().exchangeOrSharePoint()
                ? "[\"EWS.AccessAsUser.All\",\"Mail.ReadWrite\",\"offline_access\",\"openid\",\"profile\"]"
                : "[\"email\",\"openid\",\"profile\",\"User.Read\"]");
        if (r.incomingTokenType().equals("primaryRefreshToken")) keyValue(g, "Root Key Type", "TPM protected");
        keyValue(g, "Is CAE Token", r.device().managed() ? "True" : "False");
        g.writeEndArray();
    }

    private static void keyValue(JsonGenerator g, String key, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("key", key);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private static void tokenProtection(JsonGenerator g, SignInRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("signInSessionStatus", r.tokenBound() ? "bound" : "unbound");
        g.writeNumberField("signInSessionStatusCode", r.tokenBound() ? 0 : r.device().registered() ? 1008 : 1002);
        g.writeEndObject();
    }
}

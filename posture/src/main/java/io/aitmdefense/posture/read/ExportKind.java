package io.aitmdefense.posture.read;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** What one exported object is, judged by {@code @odata.type} first and by its fields otherwise. */
enum ExportKind {
    POLICY, NAMED_LOCATION, AUTHENTICATION_STRENGTH, AUTHENTICATION_CONTEXT, GROUP, MIGRATION_TABLE, DIRECTORY, UNKNOWN;

    static ExportKind of(JsonNode item) {
        JsonFields f = new JsonFields(item);
        String type = f.text("@odata.type").toLowerCase(Locale.ROOT);
        if (type.endsWith("conditionalaccesspolicy")) return POLICY;
        if (type.endsWith("namedlocation")) return NAMED_LOCATION;
        if (type.endsWith("authenticationstrengthpolicy")) return AUTHENTICATION_STRENGTH;
        if (type.endsWith("authenticationcontextclassreference")) return AUTHENTICATION_CONTEXT;
        if (type.endsWith(".group")) return GROUP;
        if (f.has("conditions") || f.has("grantControls") || f.has("sessionControls")) return POLICY;
        if (f.has("ipRanges") || f.has("countriesAndRegions") || f.has("compliantNetworkType")) return NAMED_LOCATION;
        if (f.has("allowedCombinations")) return AUTHENTICATION_STRENGTH;
        if (f.has("isAvailable") && f.text("id").matches("(?i)c\\d{1,2}")) return AUTHENTICATION_CONTEXT;
        if (f.has("securityEnabled") || f.has("groupTypes") || f.has("mailNickname")) return GROUP;
        if (item.path("Objects").isArray() && f.has("TenantId")) return MIGRATION_TABLE;
        if (item.path("directory").isObject()) return DIRECTORY;
        return UNKNOWN;
    }
}

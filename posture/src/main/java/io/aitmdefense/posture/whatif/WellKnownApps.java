package io.aitmdefense.posture.whatif;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * App ids that Conditional Access groups under the {@code Office365} and {@code MicrosoftAdminPortals} targets, plus
 * short names for the command line. The group lists are the commonly targeted members, not Microsoft's full list
 * (which changes without notice); an id missing here is simply not treated as part of the group.
 */
public final class WellKnownApps {

    public static final String EXCHANGE_ONLINE = "00000002-0000-0ff1-ce00-000000000000";
    public static final String SHAREPOINT_ONLINE = "00000003-0000-0ff1-ce00-000000000000";
    public static final String TEAMS_SERVICES = "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe";
    public static final String SKYPE_FOR_BUSINESS_ONLINE = "00000004-0000-0ff1-ce00-000000000000";
    public static final String YAMMER = "00000005-0000-0ff1-ce00-000000000000";
    public static final String OFFICE_365_PORTAL = "00000006-0000-0ff1-ce00-000000000000";
    public static final String OFFICE_HOME = "4765445b-32c6-49b0-83e6-1d93765276ca";
    public static final String ONENOTE = "2d4d3d8e-2be3-4bef-9f87-7875a61c29de";
    public static final String FORMS = "c9a559d2-7aab-4f13-a6ed-e7e9c52aec87";
    public static final String PLANNER = "09abbdfd-ed23-44ee-a2d9-a627aa1c90f3";
    public static final String STREAM = "cf53fce8-def6-4aeb-8d30-b158e7b1cf83";
    public static final String AZURE_MANAGEMENT = "797f4846-ba00-4fd7-ba43-dac1f8f63013";
    public static final String AZURE_PORTAL = "c44b4083-3bb0-49c1-b47d-974e53cbdf3c";
    public static final String EXCHANGE_ADMIN_CENTER = "497effe9-df71-4043-a8bb-14cf78c4b63b";
    public static final String SECURITY_AND_COMPLIANCE_CENTER = "80ccca67-54bd-44ab-8625-4b79c4dc7775";
    public static final String MICROSOFT_GRAPH = "00000003-0000-0000-c000-000000000000";
    public static final String AZURE_AD_GRAPH = "00000002-0000-0000-c000-000000000000";
    public static final String INTUNE = "0000000a-0000-0000-c000-000000000000";
    public static final String INTUNE_ENROLLMENT = "d4ebce55-015a-49b5-a083-c84d1797ae8c";

    public static final String OFFICE_365_GROUP = "Office365";
    public static final String ADMIN_PORTALS_GROUP = "MicrosoftAdminPortals";

    private static final Set<String> OFFICE_365 = Set.of(EXCHANGE_ONLINE, SHAREPOINT_ONLINE, TEAMS_SERVICES,
            SKYPE_FOR_BUSINESS_ONLINE, YAMMER, OFFICE_365_PORTAL, OFFICE_HOME, ONENOTE, FORMS, PLANNER, STREAM);

    private static final Set<String> ADMIN_PORTALS = Set.of(AZURE_PORTAL, OFFICE_365_PORTAL, EXCHANGE_ADMIN_CENTER,
            SECURITY_AND_COMPLIANCE_CENTER);

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("exchange", EXCHANGE_ONLINE);
        NAMES.put("sharepoint", SHAREPOINT_ONLINE);
        NAMES.put("teams", TEAMS_SERVICES);
        NAMES.put("office-home", OFFICE_HOME);
        NAMES.put("m365-admin", OFFICE_365_PORTAL);
        NAMES.put("azure-management", AZURE_MANAGEMENT);
        NAMES.put("azure-portal", AZURE_PORTAL);
        NAMES.put("exchange-admin", EXCHANGE_ADMIN_CENTER);
        NAMES.put("graph", MICROSOFT_GRAPH);
        NAMES.put("aad-graph", AZURE_AD_GRAPH);
        NAMES.put("intune", INTUNE);
        NAMES.put("intune-enrollment", INTUNE_ENROLLMENT);
    }

    private WellKnownApps() {
    }

    /** True when a policy's app list entry {@code target} (id or group keyword) covers the app {@code appId}. */
    public static boolean covers(String target, String appId) {
        if (target.equalsIgnoreCase("All")) return true;
        if (target.equalsIgnoreCase(appId)) return true;
        String id = appId.toLowerCase(Locale.ROOT);
        if (target.equalsIgnoreCase(OFFICE_365_GROUP)) return OFFICE_365.contains(id);
        if (target.equalsIgnoreCase(ADMIN_PORTALS_GROUP)) return ADMIN_PORTALS.contains(id);
        return false;
    }

    /** An app id from a short name ({@code exchange}, {@code azure-management}, …) or the id itself. */
    public static String resolve(String nameOrId) {
        return Optional.ofNullable(NAMES.get(nameOrId.toLowerCase(Locale.ROOT))).orElse(nameOrId);
    }

    public static Map<String, String> shortNames() {
        return Map.copyOf(NAMES);
    }
}

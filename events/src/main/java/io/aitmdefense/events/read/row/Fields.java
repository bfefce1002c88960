package io.aitmdefense.events.read.row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every field the mappers read, at any nesting level. Rows only keep the values of registered names, so a
 * record's other columns cost a skip and nothing more.
 */
public final class Fields {
    private static final List<Field> ALL = new ArrayList<>();
    private static final Map<String, Field> BY_NAME = new HashMap<>();

    // ---- routing and envelopes
    public static final Field TYPE = of("Type");
    public static final Field CATEGORY = of("category");
    public static final Field PROPERTIES = of("properties");
    public static final Field RECORDS = of("records");
    public static final Field VALUE = of("value");
    public static final Field TIME = of("time");
    public static final Field TIME_GENERATED = of("TimeGenerated");
    public static final Field TENANT_ID = of("tenantId");
    public static final Field AAD_TENANT_ID = of("AADTenantId");
    public static final Field OPERATION_NAME = of("operationName");
    public static final Field RESULT_TYPE = of("resultType");
    public static final Field RESULT_DESCRIPTION = of("resultDescription");
    public static final Field CALLER_IP = of("callerIpAddress");

    // ---- sign-ins
    public static final Field CREATED = of("createdDateTime");
    public static final Field ID = of("id");
    public static final Field ORIGINAL_REQUEST_ID = of("originalRequestId");
    public static final Field CORRELATION_ID = of("correlationId");
    public static final Field SESSION_ID = of("sessionId");
    public static final Field UNIQUE_TOKEN_ID = of("uniqueTokenIdentifier");
    public static final Field USER_ID = of("userId");
    public static final Field UPN = of("userPrincipalName");
    public static final Field USER_DISPLAY_NAME = of("userDisplayName");
    public static final Field USER_TYPE = of("userType");
    public static final Field IP = of("ipAddress");
    public static final Field ASN = of("autonomousSystemNumber");
    public static final Field USER_AGENT = of("userAgent");
    public static final Field DEVICE_DETAIL = of("deviceDetail");
    public static final Field DEVICE_ID = of("deviceId");
    public static final Field DISPLAY_NAME = of("displayName");
    public static final Field OPERATING_SYSTEM = of("operatingSystem");
    public static final Field BROWSER = of("browser");
    public static final Field IS_COMPLIANT = of("isCompliant");
    public static final Field IS_MANAGED = of("isManaged");
    public static final Field TRUST_TYPE = of("trustType");
    public static final Field LOCATION_DETAILS = of("locationDetails");
    public static final Field LOCATION = of("location");
    public static final Field CITY = of("city");
    public static final Field STATE = of("state");
    public static final Field COUNTRY = of("countryOrRegion");
    public static final Field GEO = of("geoCoordinates");
    public static final Field LATITUDE = of("latitude");
    public static final Field LONGITUDE = of("longitude");
    public static final Field NETWORK_LOCATION_DETAILS = of("networkLocationDetails");
    public static final Field NETWORK_TYPE = of("networkType");
    public static final Field NETWORK_NAMES = of("networkNames");
    public static final Field APP_ID = of("appId");
    public static final Field APP_DISPLAY_NAME = of("appDisplayName");
    /** Graph/EH resourceId; Log Analytics' own ResourceId column is the ARM path of the log, not the resource. */
    public static final Field RESOURCE_ID = of("resourceId");
    public static final Field RESOURCE_IDENTITY = of("ResourceIdentity");
    public static final Field RESOURCE_DISPLAY_NAME = of("resourceDisplayName");
    public static final Field CLIENT_APP_USED = of("clientAppUsed");
    public static final Field AUTH_REQUIREMENT = of("authenticationRequirement");
    public static final Field AUTH_DETAILS = of("authenticationDetails");
    public static final Field AUTH_METHOD = of("authenticationMethod");
    public static final Field AUTH_METHOD_DETAIL = of("authenticationMethodDetail");
    public static final Field SUCCEEDED = of("succeeded");
    public static final Field AUTH_STEP_RESULT = of("authenticationStepResultDetail");
    public static final Field AUTH_STEP_REQUIREMENT = of("authenticationStepRequirement");
    public static final Field STATUS = of("status");
    public static final Field ERROR_CODE = of("errorCode");
    public static final Field FAILURE_REASON = of("failureReason");
    public static final Field ADDITIONAL_DETAILS = of("additionalDetails");
    public static final Field CA_STATUS = of("conditionalAccessStatus");
    public static final Field CA_POLICIES = of("conditionalAccessPolicies", "appliedConditionalAccessPolicies");
    public static final Field RESULT = of("result");
    public static final Field ENFORCED_GRANT = of("enforcedGrantControls");
    public static final Field ENFORCED_SESSION = of("enforcedSessionControls");
    public static final Field RISK_DURING = of("riskLevelDuringSignIn");
    public static final Field RISK_AGGREGATED = of("riskLevelAggregated");
    public static final Field RISK_STATE = of("riskState");
    public static final Field RISK_DETAIL = of("riskDetail");
    public static final Field RISK_EVENT_TYPES = of("riskEventTypes");
    public static final Field RISK_EVENT_TYPES_V2 = of("riskEventTypes_v2");
    public static final Field INCOMING_TOKEN_TYPE = of("incomingTokenType");
    public static final Field TOKEN_ISSUER_TYPE = of("tokenIssuerType");
    public static final Field TRANSFER_METHOD = of("originalTransferMethod");
    public static final Field AUTH_PROTOCOL = of("authenticationProtocol");
    public static final Field TOKEN_PROTECTION = of("tokenProtectionStatusDetails");
    public static final Field TOKEN_PROTECTION_STATUS = of("signInSessionStatus");
    public static final Field TOKEN_PROTECTION_CODE = of("signInSessionStatusCode");
    public static final Field SIGNIN_TOKEN_PROTECTION = of("signInTokenProtectionStatus");
    public static final Field AUTH_PROCESSING = of("authenticationProcessingDetails");
    public static final Field KEY = of("key");
    public static final Field IS_INTERACTIVE = of("isInteractive");
    public static final Field SIGNIN_EVENT_TYPES = of("signInEventTypes");
    public static final Field HOME_TENANT_ID = of("homeTenantId");

    // ---- directory audit
    public static final Field ACTIVITY_TIME = of("activityDateTime");
    public static final Field ACTIVITY_NAME = of("activityDisplayName");
    public static final Field LOGGED_BY_SERVICE = of("loggedByService");
    public static final Field OPERATION_TYPE = of("operationType", "AADOperationType");
    public static final Field RESULT_REASON = of("resultReason");
    public static final Field INITIATED_BY = of("initiatedBy");
    public static final Field USER = of("user");
    public static final Field APP = of("app");
    public static final Field SERVICE_PRINCIPAL_NAME = of("servicePrincipalName");
    public static final Field LINKABLE_IDS = of("linkableIdentifiers");
    public static final Field TOKEN_DETAILS = of("tokenDetails");
    public static final Field TARGET_RESOURCES = of("targetResources");
    public static final Field MODIFIED_PROPERTIES = of("modifiedProperties");
    public static final Field OLD_VALUE = of("oldValue");
    public static final Field NEW_VALUE = of("newValue");

    // ---- risk detections
    public static final Field DETECTED_TIME = of("detectedDateTime");
    public static final Field LAST_UPDATED_TIME = of("lastUpdatedDateTime", "riskLastUpdatedDateTime");
    public static final Field REQUEST_ID = of("requestId");
    public static final Field RISK_EVENT_TYPE = of("riskEventType");
    public static final Field RISK_TYPE = of("riskType");
    public static final Field RISK_LEVEL = of("riskLevel");
    public static final Field TIMING = of("detectionTimingType");
    public static final Field SOURCE = of("source");
    public static final Field ACTIVITY = of("activity");
    public static final Field ADDITIONAL_INFO = of("additionalInfo");

    // ---- unified audit log / OfficeActivity / Graph activity
    public static final Field CREATION_TIME = of("CreationTime");
    public static final Field CREATION_DATE = of("CreationDate");
    public static final Field START_TIME = of("Start_Time");
    public static final Field RECORD_TYPE = of("RecordType");
    public static final Field OPERATION = of("Operation", "Operations");
    public static final Field ORGANIZATION_ID = of("OrganizationId");
    public static final Field WORKLOAD = of("Workload", "OfficeWorkload");
    public static final Field RESULT_STATUS = of("ResultStatus");
    public static final Field CLIENT_IP = of("ClientIP");
    public static final Field CLIENT_IP_ADDRESS = of("ClientIPAddress", "Client_IPAddress");
    public static final Field ACTOR_IP = of("ActorIpAddress");
    public static final Field OBJECT_ID = of("ObjectId", "OfficeObjectId");
    public static final Field OFFICE_ID = of("OfficeId", "SourceRecordId", "RecordId");
    public static final Field APP_ACCESS_CONTEXT = of("AppAccessContext");
    public static final Field AAD_SESSION_ID = of("AADSessionId");
    public static final Field UNIQUE_TOKEN_ID_UAL = of("UniqueTokenId");
    public static final Field CLIENT_APP_ID = of("ClientAppId");
    public static final Field PARAMETERS = of("Parameters");
    public static final Field OPERATION_PROPERTIES = of("OperationProperties");
    public static final Field EXTENDED_PROPERTIES = of("ExtendedProperties");
    public static final Field DEVICE_PROPERTIES = of("DeviceProperties");
    public static final Field NAME = of("Name");
    public static final Field LOGON_TYPE = of("LogonType", "Logon_Type");
    public static final Field MAILBOX_OWNER = of("MailboxOwnerUPN");
    public static final Field CLIENT_INFO = of("ClientInfoString");
    public static final Field ITEM = of("Item");
    public static final Field SUBJECT = of("Subject");
    public static final Field FOLDERS = of("Folders");
    public static final Field FOLDER_ITEMS = of("FolderItems");
    public static final Field PATH = of("Path");
    public static final Field RECIPIENTS = of("Recipients");
    public static final Field VALUES = of("Values");
    public static final Field AFFECTED_ITEMS = of("AffectedItems");
    public static final Field OPERATION_COUNT = of("OperationCount");
    public static final Field APPLICATION_ID = of("ApplicationId");
    public static final Field TARGET = of("Target");
    public static final Field LOGON_ERROR = of("LogonError");
    public static final Field USER_AGENT_DASH = of("User-Agent");
    public static final Field ERROR_NUMBER = of("ErrorNumber");
    public static final Field INTRA_SYSTEM_ID = of("IntraSystemId");
    public static final Field AUDIT_DATA = of("AuditData");
    public static final Field USER_IDS = of("UserIds");
    public static final Field SEND_AS = of("SendAsUserSmtp");
    public static final Field REQUEST_METHOD = of("requestMethod");
    public static final Field REQUEST_URI = of("requestUri");
    public static final Field RESPONSE_STATUS = of("responseStatusCode");
    public static final Field C_SID = of("C_Sid");
    public static final Field SIGNIN_ACTIVITY_ID = of("signInActivityId");
    public static final Field SCOPES = of("scopes");
    // ---- Microsoft's own alerts: Graph security alerts_v2, Log Analytics SecurityAlert, Defender AlertInfo/AlertEvidence
    public static final Field TITLE = of("title", "AlertName");
    public static final Field SEVERITY = of("severity", "AlertSeverity");
    public static final Field SERVICE_SOURCE = of("serviceSource");
    public static final Field DETECTION_SOURCE = of("detectionSource");
    public static final Field PRODUCT_NAME = of("ProductName");
    public static final Field PROVIDER_NAME = of("ProviderName");
    public static final Field PROVIDER_ALERT_ID = of("providerAlertId");
    public static final Field SYSTEM_ALERT_ID = of("SystemAlertId");
    public static final Field ALERT_ID = of("AlertId");
    public static final Field ALERT_WEB_URL = of("alertWebUrl", "AlertLink");
    public static final Field CLASSIFICATION = of("classification");
    public static final Field FIRST_ACTIVITY_TIME = of("firstActivityDateTime", "StartTime");
    public static final Field MITRE_TECHNIQUES = of("mitreTechniques", "Techniques", "AttackTechniques");
    public static final Field EVIDENCE = of("evidence");
    public static final Field USER_ACCOUNT = of("userAccount");
    public static final Field AZURE_AD_USER_ID = of("azureAdUserId", "AadUserId", "AccountObjectId");
    public static final Field ENTITIES = of("Entities");
    public static final Field UPN_SUFFIX = of("UPNSuffix");
    public static final Field ADDRESS = of("Address");
    public static final Field ACCOUNT_UPN = of("AccountUpn");
    public static final Field REMOTE_IP = of("RemoteIP");
    public static final Field ENTITY_TYPE = of("EntityType");
    /** Advanced hunting API responses (Defender {@code /api/advancedhunting/run}, Graph {@code runHuntingQuery}). */
    public static final Field RESULTS = of("Results");
    public static final Field SCHEMA = of("Schema");
    public static final Field TACTICS = of("Tactics");
    public static final Field COMPROMISED_ENTITY = of("CompromisedEntity");
    public static final Field ENTITY_UPN = of("Upn", "MailboxPrimaryAddress");
    // Microsoft 365 Defender advanced hunting rows: recognised to say they are not used, not to read them
    public static final Field TIMESTAMP = of("Timestamp");
    public static final Field ACTION_TYPE = of("ActionType");
    public static final Field REPORT_ID = of("ReportId");

    private Fields() {
    }

    private static Field of(String... names) {
        Field f = new Field(ALL.size(), List.of(names));
        for (String n : names) {
            String key = n.toLowerCase(Locale.ROOT);
            if (BY_NAME.putIfAbsent(key, f) != null) throw new IllegalStateException("field registered twice: " + n);
        }
        ALL.add(f);
        return f;
    }

    public static int count() {
        return ALL.size();
    }

    /** The field a name denotes, case-insensitively, or null. */
    public static Field byName(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** Byte-level lookup for the JSON scanner: open addressing over lower-cased ASCII names. */
    static final class ByteTable {
        static final int SIZE = 1024;
        static final int[] IDS = new int[SIZE];
        static final byte[][] NAMES = new byte[SIZE][];

        static {
            java.util.Arrays.fill(IDS, -1);
            for (Map.Entry<String, Field> e : BY_NAME.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < name.length; i++) name[i] = (byte) (name[i] | 0x20);
                int slot = hash(name, 0, name.length) & (SIZE - 1);
                while (IDS[slot] >= 0) slot = (slot + 1) & (SIZE - 1);
                IDS[slot] = e.getValue().id;
                NAMES[slot] = name;
            }
        }

        /** Length and three sampled bytes: cheap for the thousands of keys per record, and few collisions among ~170 names. */
        static int hash(byte[] b, int from, int to) {
            int n = to - from;
            if (n == 0) return 0;
            int h = n * 31 + lower(b[from]);
            h = h * 31 + lower(b[to - 1]);
            h = h * 31 + lower(b[from + n / 2]);
            h = h * 31 + lower(b[from + n / 3]);
            return h ^ (h >>> 7) ^ (h >>> 13);
        }

        static int lower(byte c) {
            return c | 0x20; // case fold for the ASCII names used in logs ('_' and '-' stay distinct)
        }

        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long FOLD = 0x2020202020202020L;

        /** The id of the field named by bytes [from, to), or -1. Compares eight bytes per step. */
        static int find(byte[] b, int from, int to) {
            int slot = hash(b, from, to) & (SIZE - 1);
            int len = to - from;
            while (IDS[slot] >= 0) {
                byte[] n = NAMES[slot];
                if (n.length == len && same(n, b, from, len)) return IDS[slot];
                slot = (slot + 1) & (SIZE - 1);
            }
            return -1;
        }

        private static boolean same(byte[] name, byte[] b, int from, int len) {
            int i = 0;
            for (; i + 8 <= len; i += 8) {
                if (((long) LONGS.get(b, from + i) | FOLD) != (long) LONGS.get(name, i)) return false;
            }
            for (; i < len; i++) if ((b[from + i] | 0x20) != name[i]) return false;
            return true;
        }
    }

    public static int lookup(byte[] b, int from, int to) {
        return ByteTable.find(b, from, to);
    }

    static Field get(int id) {
        return ALL.get(id);
    }
}

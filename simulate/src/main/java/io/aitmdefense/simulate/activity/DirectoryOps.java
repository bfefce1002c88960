package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.log.AuditRecord;
import io.aitmdefense.simulate.log.AuditRecord.Change;
import io.aitmdefense.simulate.log.AuditRecord.Target;
import io.aitmdefense.simulate.log.NameValue;
import io.aitmdefense.simulate.tenant.CaPolicy;
import io.aitmdefense.simulate.tenant.User;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Entra directory audit records with the activity names, services and modified properties of log-schemas §9. */
final class DirectoryOps {
    static final String DRS_APP_ID = "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9";
    private static final String DRS_SP_ID = "5f3fc6c1-1bd4-4a47-9c4a-0d3e7d3f2a11";

    private DirectoryOps() {
    }

    /** What the acting user's session was, for Graph beta linkableIdentifiers; "" when not a user session. */
    record Actor(User user, String ip, String sessionId, String uniqueTokenId) {
        Actor withIp(String address) {
            return new Actor(user, address, sessionId, uniqueTokenId);
        }
    }

    /** Consent to application plus its companion grant record (same correlation id). */
    static List<AuditRecord> consent(SplittableRandom rng, Instant t, Actor a, String appName, String appId, String scopes) {
        String correlation = Ids.guid(rng);
        String spId = Ids.guid(rng);
        String permissions = "[] => [[Id: " + Ids.tokenId(rng) + ", ClientId: " + spId + ", PrincipalId: " + a.user().id()
                + ", ResourceId: " + Ids.guid(rng) + ", ConsentType: Principal, Scope:  " + scopes
                + ", CreatedDateTime: , LastModifiedDateTime ]]; ";
        Target sp = new Target(spId, appName, "ServicePrincipal", "", List.of(
                new Change("ConsentContext.IsAdminConsent", "", "\"False\""),
                new Change("ConsentContext.IsAppOnly", "", "\"False\""),
                new Change("ConsentContext.OnBehalfOfAll", "", "\"False\""),
                new Change("ConsentContext.Tags", "", "\"WindowsAzureActiveDirectoryIntegratedApp\""),
                new Change("ConsentAction.Permissions", "", "\"" + permissions + "\""),
                new Change("TargetId.ServicePrincipalNames", "", "\"" + appId + "\"")));
        AuditRecord consent = record(rng, t, correlation, "Consent to application", "ApplicationManagement", "Core Directory",
                "Assign", "", a, List.of(sp), List.of(new NameValue("User-Agent", "EvoSTS"), new NameValue("AppId", appId)));
        Target grant = new Target(spId, appName, "ServicePrincipal", "", List.of(
                new Change("DelegatedPermissionGrant.Scope", "", "\"" + scopes + "\""),
                new Change("DelegatedPermissionGrant.ConsentType", "", "\"Principal\"")));
        AuditRecord companion = record(rng, t.plusMillis(350), correlation, "Add delegated permission grant",
                "ApplicationManagement", "Core Directory", "Assign", "", a, List.of(grant), List.of());
        return List.of(consent, companion);
    }

    /** Self-service security-info registration plus the directory view of it (StrongAuthenticationMethod grows). */
    static List<AuditRecord> securityInfo(SplittableRandom rng, Instant t, Actor a, String method, int methodsBefore) {
        Target self = new Target(a.user().id(), a.user().displayName(), "User", a.user().userPrincipalName(), List.of());
        AuditRecord registered = record(rng, t, Ids.guid(rng), "User registered security info", "UserManagement",
                "Authentication Methods", "Add", "User registered " + method, a, List.of(self), List.of());
        Target update = new Target(a.user().id(), "", "User", a.user().userPrincipalName(), List.of(
                new Change("StrongAuthenticationMethod", methods(methodsBefore), methods(methodsBefore + 1)),
                new Change("Included Updated Properties", "", "\"StrongAuthenticationMethod\"")));
        AuditRecord directory = record(rng, t.plusMillis(1200), Ids.guid(rng), "Update user", "UserManagement",
                "Core Directory", "Update", "", a, List.of(update), List.of());
        return List.of(registered, directory);
    }

    static AuditRecord startedRegistration(SplittableRandom rng, Instant t, Actor a) {
        Target self = new Target(a.user().id(), a.user().displayName(), "User", a.user().userPrincipalName(), List.of());
        return record(rng, t, Ids.guid(rng), "User started security info registration", "UserManagement",
                "Authentication Methods", "Add", "User started the registration for Authenticator App", a, List.of(self), List.of());
    }

    static AuditRecord adminRegisteredSecurityInfo(SplittableRandom rng, Instant t, Actor admin, User target, String method) {
        Target user = new Target(target.id(), target.displayName(), "User", target.userPrincipalName(), List.of());
        return record(rng, t, Ids.guid(rng), "Admin registered security info", "UserManagement", "Authentication Methods",
                "Add", "Admin registered " + method, admin, List.of(user), List.of());
    }

    /** Register device / Add device / Add registered owner to device, performed by the Device Registration Service. */
    static List<AuditRecord> deviceRegistration(SplittableRandom rng, Instant t, User owner, String deviceId,
                                                String displayName, String osVersion, String trustType) {
        String correlation = Ids.guid(rng);
        String objectId = Ids.guid(rng);
        Target device = new Target(objectId, displayName, "Device", "", List.of(
                new Change("DeviceId", "", "[\"" + deviceId + "\"]"),
                new Change("DisplayName", "", "[\"" + displayName + "\"]"),
                new Change("DeviceOSType", "", "[\"Windows\"]"),
                new Change("DeviceOSVersion", "", "[\"" + osVersion + "\"]"),
                new Change("DeviceTrustType", "", "[\"" + trustType + "\"]")));
        Target user = new Target(owner.id(), owner.displayName(), "User", owner.userPrincipalName(), List.of());
        AuditRecord register = appRecord(rng, t, correlation, "Register device", "Device", "Device Registration Service",
                "Add", List.of(device, user), List.of(new NameValue("Device Id", deviceId), new NameValue("Device OS", "Windows"),
                        new NameValue("Device Trust Type", trustType)));
        AuditRecord add = appRecord(rng, t.plusMillis(400), correlation, "Add device", "Device", "Core Directory", "Add",
                List.of(device), List.of());
        AuditRecord ownerRecord = appRecord(rng, t.plusMillis(900), correlation, "Add registered owner to device", "Device",
                "Core Directory", "Assign", List.of(device, user), List.of());
        return List.of(register, add, ownerRecord);
    }

    /** Update conditional access policy: the whole policy as JSON text before and after. */
    static AuditRecord caUpdate(SplittableRandom rng, Instant t, Actor a, CaPolicy policy, String oldState, String newState,
                                String oldExcludeGroups, String newExcludeGroups) {
        Target target = new Target(policy.id(), policy.displayName(), "Policy", "", List.of(
                new Change("ConditionalAccessPolicy", policyJson(policy, oldState, oldExcludeGroups),
                        policyJson(policy, newState, newExcludeGroups))));
        return record(rng, t, Ids.guid(rng), "Update conditional access policy", "Policy", "Conditional Access", "Update",
                "", a, List.of(target), List.of(), "IPCGraph_");
    }

    /** Add named location: a new trusted range is a bypass. */
    static AuditRecord addNamedLocation(SplittableRandom rng, Instant t, Actor a, String name, String cidr, boolean trusted) {
        String id = Ids.guid(rng);
        String json = "{\"id\":\"" + id + "\",\"displayName\":\"" + name + "\",\"isTrusted\":" + trusted
                + ",\"ipRanges\":[{\"@odata.type\":\"#microsoft.graph.iPv4CidrRange\",\"cidrAddress\":\"" + cidr + "\"}]}";
        Target target = new Target(id, name, "Policy", "", List.of(new Change("NamedLocation", "", json)));
        return record(rng, t, Ids.guid(rng), "Add named location", "Policy", "Conditional Access", "Add", "", a,
                List.of(target), List.of(), "IPCGraph_");
    }

    private static String policyJson(CaPolicy p, String state, String excludeGroups) {
        StringBuilder grant = new StringBuilder();
        for (String c : p.grantControls()) grant.append(grant.length() == 0 ? "" : ",").append('"').append(c).append('"');
        return "{\"id\":\"" + p.id() + "\",\"displayName\":\"" + p.displayName() + "\",\"state\":\"" + state + "\","
                + "\"conditions\":{\"applications\":{\"includeApplications\":[\"All\"],\"excludeApplications\":[]},"
                + "\"users\":{\"includeUsers\":[\"All\"],\"excludeUsers\":[],\"excludeGroups\":[" + excludeGroups + "]},"
                + "\"clientAppTypes\":[\"all\"]},\"grantControls\":{\"operator\":\"OR\",\"builtInControls\":[" + grant + "]}}";
    }

    private static String methods(int n) {
        int[] types = {6, 7, 2, 5};
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"MethodType\":").append(types[i % types.length]).append(",\"Default\":").append(i == 0).append('}');
        }
        return sb.append(']').toString();
    }

    private static AuditRecord record(SplittableRandom rng, Instant t, String correlation, String activity, String category,
                                      String service, String type, String reason, Actor a, List<Target> targets,
                                      List<NameValue> details) {
        return record(rng, t, correlation, activity, category, service, type, reason, a, targets, details, "Directory_");
    }

    private static AuditRecord record(SplittableRandom rng, Instant t, String correlation, String activity, String category,
                                      String service, String type, String reason, Actor a, List<Target> targets,
                                      List<NameValue> details, String idPrefix) {
        String id = idPrefix + correlation.substring(0, 8) + "_" + Ids.upper(rng, 5) + "_" + (100_000_000 + rng.nextInt(899_999_999));
        return new AuditRecord(t, Lag.audit(t, rng), id, correlation, activity, category, service, type, "success", reason,
                a.user().id(), a.user().userPrincipalName(), a.ip(), "", "", "", targets, details, a.sessionId(),
                a.uniqueTokenId());
    }

    private static AuditRecord appRecord(SplittableRandom rng, Instant t, String correlation, String activity, String category,
                                         String service, String type, List<Target> targets, List<NameValue> details) {
        String id = "Directory_" + correlation.substring(0, 8) + "_" + Ids.upper(rng, 5) + "_" + (100_000_000 + rng.nextInt(899_999_999));
        return new AuditRecord(t, Lag.audit(t, rng), id, correlation, activity, category, service, type, "success", "",
                "", "", "", DRS_APP_ID, "Device Registration Service", DRS_SP_ID, targets, details, "", "");
    }
}

package io.aitmdefense.events.read.map;

import io.aitmdefense.events.Artifact;
import io.aitmdefense.events.DirectoryAudit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a directory operation changed (log-schemas §9): OAuth consents with their scopes, security-info (MFA)
 * registrations, device registrations and security-policy changes. Same rules for Entra audit records and UAL
 * AzureActiveDirectory records; operation names are compared without the UAL's trailing dot.
 */
final class AuditArtifacts {
    private static final Pattern CONSENT_ENTRY = Pattern.compile("ConsentType:\\s*([A-Za-z]+)\\s*,\\s*Scope:\\s*([^,\\]]*)");
    private static final Pattern GRANT_ID = Pattern.compile("\\[Id:\\s*([^,\\]\\s]+)");
    private static final Pattern METHOD_TYPE = Pattern.compile("\"?MethodType\"?\\s*:\\s*(\\d+)");

    private AuditArtifacts() {
    }

    static Optional<Artifact> of(String operation, List<DirectoryAudit.Target> targets, Map<String, String> details,
                                 String resultReason, boolean byOther) {
        String op = operation.endsWith(".") ? operation.substring(0, operation.length() - 1) : operation;
        String lower = op.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "consent to application":
                return Optional.of(consent(targets, details));
            case "add delegated permission grant", "update delegated permission grant", "add oauth2permissiongrant":
                return permissionGrant(targets);
            case "user registered security info", "user changed default security info", "admin registered security info",
                 "admin updated security info", "user registered all required security info":
                return Optional.of(new Artifact.MfaMethodChange(method(resultReason), true, lower.startsWith("admin"), ""));
            case "user deleted security info", "admin deleted security info":
                return Optional.of(new Artifact.MfaMethodChange(method(resultReason), false, lower.startsWith("admin"), ""));
            case "register device", "add device", "add registered owner to device", "add registered users to device":
                return Optional.of(device(targets));
            case "update user":
                return strongAuthChange(targets, byOther);
            default:
                break;
        }
        if (lower.equals("delete policy") && conditionalAccessPolicy(targets)) {
            // Core Directory logs the deletion of the policy object too, as "Delete policy" of type Policy
            return Optional.of(policy(Artifact.PolicyChange.Kind.CONDITIONAL_ACCESS, op, targets, "PolicyDetail"));
        }
        if (lower.contains("cross-tenant access setting")) {
            return Optional.of(policy(Artifact.PolicyChange.Kind.CROSS_TENANT_ACCESS, op, targets, ""));
        }
        if (lower.contains("federation settings") || lower.equals("set domain authentication")) {
            return Optional.of(policy(Artifact.PolicyChange.Kind.DOMAIN_FEDERATION, op, targets, ""));
        }
        if (lower.endsWith("conditional access policy")) {
            return Optional.of(policy(Artifact.PolicyChange.Kind.CONDITIONAL_ACCESS, op, targets, "ConditionalAccessPolicy"));
        }
        if (lower.endsWith("named location")) {
            return Optional.of(policy(Artifact.PolicyChange.Kind.NAMED_LOCATION, op, targets, "NamedLocation"));
        }
        if (lower.contains("authentication methods policy") || lower.equals("disable strong authentication")
                || lower.equals("set company information") || lower.contains("authentication strength")) {
            return Optional.of(policy(Artifact.PolicyChange.Kind.AUTH_METHODS, op, targets, ""));
        }
        return Optional.empty();
    }

    private static Artifact consent(List<DirectoryAudit.Target> targets, Map<String, String> details) {
        // the app id is the consented service principal's name list (its first entry is the app id), not the
        // service principal's object id that the target carries
        String appId = details.getOrDefault("AppId", ""), spnAppId = "", spObjectId = "", appName = "", consentType = "",
                permissions = "";
        boolean admin = false;
        for (DirectoryAudit.Target t : targets) {
            if (t.type().equalsIgnoreCase("ServicePrincipal") || appName.isEmpty()) {
                if (appName.isEmpty() && !t.displayName().isEmpty()) appName = t.displayName();
                if (spObjectId.isEmpty()) spObjectId = t.id().replaceFirst("^ServicePrincipal_", ""); // UAL target ids carry the type
            }
            for (DirectoryAudit.Change c : t.changes()) {
                String name = c.name();
                if (name.equalsIgnoreCase("ConsentAction.Permissions")) permissions = unquote(c.newValue());
                else if (name.equalsIgnoreCase("ConsentContext.IsAdminConsent")) admin = unquote(c.newValue()).equalsIgnoreCase("true");
                else if (name.equalsIgnoreCase("TargetId.ServicePrincipalNames") && spnAppId.isEmpty()) {
                    spnAppId = unquote(c.newValue()).split(";", 2)[0].trim();
                }
            }
        }
        if (appId.isEmpty()) appId = spnAppId.isEmpty() ? spObjectId : spnAppId;
        List<String> scopes = new ArrayList<>(), grants = new ArrayList<>();
        // "[] => [[Id: …, ConsentType: Principal, Scope:  openid profile offline_access Mail.Read, CreatedDateTime: …]]; "
        String granted = permissions.contains("=>") ? permissions.substring(permissions.indexOf("=>") + 2) : permissions;
        Matcher m = CONSENT_ENTRY.matcher(granted);
        while (m.find()) {
            if (consentType.isEmpty() || m.group(1).equalsIgnoreCase("AllPrincipals")) consentType = m.group(1);
            for (String s : m.group(2).trim().split("\\s+")) if (!s.isEmpty() && !scopes.contains(s)) scopes.add(s);
        }
        Matcher g = GRANT_ID.matcher(granted);
        while (g.find()) if (!grants.contains(g.group(1)) && !g.group(1).equals("…")) grants.add(g.group(1));
        return new Artifact.AppConsent(appId, appName, List.copyOf(scopes), consentType, admin, spObjectId,
                List.copyOf(grants));
    }

    /**
     * The delegated permission grant written with (or without) a consent: the target is the resource (Microsoft
     * Graph), the client app is named in the modified properties. A tenant-wide (AllPrincipals) grant needs an admin.
     */
    private static Optional<Artifact> permissionGrant(List<DirectoryAudit.Target> targets) {
        String scope = "", consentType = "", clientAppId = "", clientObjectId = "", clientName = "", grantId = "";
        for (DirectoryAudit.Target t : targets) {
            for (DirectoryAudit.Change c : t.changes()) {
                String v = unquote(c.newValue());
                switch (c.name()) {
                    case "DelegatedPermissionGrant.Scope" -> scope = v;
                    case "DelegatedPermissionGrant.ConsentType" -> consentType = v;
                    case "ServicePrincipal.AppId" -> clientAppId = v;
                    case "ServicePrincipal.ObjectID" -> clientObjectId = v;
                    case "ServicePrincipal.DisplayName" -> clientName = v;
                    case "DelegatedPermissionGrant.Id", "DelegatedPermissionGrant.ObjectID" -> grantId = v;
                    default -> { }
                }
            }
        }
        if (scope.isBlank()) return Optional.empty();
        List<String> scopes = new ArrayList<>();
        for (String s : scope.trim().split("\\s+")) if (!scopes.contains(s)) scopes.add(s);
        return Optional.of(new Artifact.AppConsent(clientAppId.isEmpty() ? clientObjectId : clientAppId, clientName,
                List.copyOf(scopes), consentType, consentType.equalsIgnoreCase("AllPrincipals"), clientObjectId,
                grantId.isEmpty() ? List.of() : List.of(grantId)));
    }

    /** "User registered Authenticator App with Notification and Code" → "Authenticator App with Notification and Code". */
    private static String method(String resultReason) {
        String r = resultReason.replaceFirst("(?i)^(user|admin) (registered|deleted|changed|updated)( default)?( security info)?\\s*", "");
        return r.isBlank() ? resultReason : r.trim();
    }

    private static Artifact device(List<DirectoryAudit.Target> targets) {
        String id = "", name = "", os = "", osVersion = "", trust = "";
        for (DirectoryAudit.Target t : targets) {
            if (t.type().equalsIgnoreCase("Device")) {
                id = t.id();
                name = t.displayName();
            }
            for (DirectoryAudit.Change c : t.changes()) {
                String v = unquote(c.newValue());
                switch (c.name()) {
                    case "DeviceOSType" -> os = v;
                    case "DeviceOSVersion" -> osVersion = v;
                    case "DeviceTrustType" -> trust = v;
                    case "DisplayName" -> { if (name.isEmpty()) name = v; }
                    default -> { }
                }
            }
        }
        return new Artifact.DeviceRegistration(id, name, os, osVersion, trust);
    }

    /** "Update user" with StrongAuthenticationMethod: more MethodType entries in the new value means a method was added. */
    private static Optional<Artifact> strongAuthChange(List<DirectoryAudit.Target> targets, boolean byOther) {
        for (DirectoryAudit.Target t : targets) {
            for (DirectoryAudit.Change c : t.changes()) {
                if (!c.name().equalsIgnoreCase("StrongAuthenticationMethod")) continue;
                int before = count(METHOD_TYPE, c.oldValue()), after = count(METHOD_TYPE, c.newValue());
                if (before == after) return Optional.empty();
                return Optional.of(new Artifact.MfaMethodChange("StrongAuthenticationMethod (" + before + " → " + after
                        + " methods)", after > before, byOther, ""));
            }
        }
        return Optional.empty();
    }

    private static Artifact policy(Artifact.PolicyChange.Kind kind, String op, List<DirectoryAudit.Target> targets,
                                   String property) {
        String id = "", name = "", oldValue = "", newValue = "";
        for (DirectoryAudit.Target t : targets) {
            if (id.isEmpty()) id = t.id();
            if (name.isEmpty()) name = t.displayName();
            for (DirectoryAudit.Change c : t.changes()) {
                if (property.isEmpty() || c.name().equalsIgnoreCase(property) || oldValue.isEmpty() && newValue.isEmpty()) {
                    oldValue = c.oldValue();
                    newValue = c.newValue();
                    if (c.name().equalsIgnoreCase(property)) break;
                }
            }
        }
        return new Artifact.PolicyChange(kind, op, id, name, oldValue, newValue);
    }

    /**
     * A Core Directory "Delete policy" target of type Policy is a Conditional Access policy unless its PolicyType says
     * otherwise (18 is Conditional Access; token lifetime, home realm discovery and other policies have other numbers).
     */
    private static boolean conditionalAccessPolicy(List<DirectoryAudit.Target> targets) {
        for (DirectoryAudit.Target t : targets) {
            if (!t.type().equalsIgnoreCase("Policy")) continue;
            for (DirectoryAudit.Change c : t.changes()) {
                if (!c.name().equalsIgnoreCase("PolicyType")) continue;
                String v = unquote(c.oldValue().isBlank() ? c.newValue() : c.oldValue());
                return v.isEmpty() || v.equals("18");
            }
            return true;
        }
        return false;
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** Modified-property values are JSON text: {@code "\"False\""}, {@code "[\"x\"]"}; reduce to the plain value. */
    static String unquote(String v) {
        String s = v.trim();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1).trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s.replace("\\\"", "\"");
    }
}

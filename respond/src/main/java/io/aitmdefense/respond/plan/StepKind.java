package io.aitmdefense.respond.plan;

/**
 * The playbook's steps in their order (reference/graph-response.md §3), each with the request it makes, the least
 * application permission that request needs, whether it can be undone, and whether an automatic-containment policy
 * may run it without a person (the reversible, user-scoped ones only).
 */
public enum StepKind {
    EVIDENCE("evidence", "Collect evidence", "GET (read-only snapshot)",
            "AuditLog.Read.All, Directory.Read.All, MailboxSettings.Read, UserAuthenticationMethod.Read.All, "
                    + "IdentityRiskyUser.Read.All, Device.Read.All", true, true),
    DISABLE_ACCOUNT("disable", "Disable the account", "PATCH /v1.0/users/{id} {\"accountEnabled\":false}",
            "User.EnableDisableAccount.All + User.Read.All", true, true),
    REVOKE_SESSIONS("revoke", "Revoke sign-in sessions", "POST /v1.0/users/{id}/revokeSignInSessions",
            "User.RevokeSessions.All", true, true),
    CONFIRM_COMPROMISED("confirm", "Confirm the user compromised",
            "POST /v1.0/identityProtection/riskyUsers/confirmCompromised {\"userIds\":[id]}",
            "IdentityRiskyUser.ReadWrite.All (Entra ID P2)", true, true),
    REMOVE_INBOX_RULE("rule", "Remove the attacker's inbox rule",
            "DELETE /v1.0/users/{id}/mailFolders/inbox/messageRules/{ruleId}", "MailboxSettings.ReadWrite",
            true, true),
    CLEAR_FORWARDING("forwarding", "Clear mailbox forwarding",
            "Exchange Set-Mailbox -ForwardingSmtpAddress $null -ForwardingAddress $null -DeliverToMailboxAndForward $false",
            "Exchange.ManageAsApp + Exchange Recipient Administrator role", true, true),
    DELETE_AUTH_METHOD("method", "Delete the authentication method registered in the attack window",
            "DELETE /v1.0/users/{id}/authentication/{type}Methods/{methodId}", "UserAuthenticationMethod.ReadWrite.All",
            false, false),
    REVOKE_GRANT("grant", "Revoke the consented app's delegated grant", "DELETE /v1.0/oauth2PermissionGrants/{grantId}",
            "DelegatedPermissionGrant.ReadWrite.All", false, false),
    REMOVE_APP_ROLES("approle", "Remove the user's app role assignments to the consented app",
            "DELETE /v1.0/users/{id}/appRoleAssignments/{assignmentId}", "AppRoleAssignment.ReadWrite.All", false, false),
    DISABLE_APP("app", "Disable the consented app in the tenant (tenant-wide)",
            "PATCH /v1.0/servicePrincipals/{id} {\"accountEnabled\":false}", "Application.ReadWrite.All", true, false),
    DISABLE_DEVICE("device", "Disable the device registered from the attacker's session",
            "PATCH /v1.0/devices/{id} {\"accountEnabled\":false}", "Device.ReadWrite.All", true, false),
    RESET_PASSWORD("password", "Reset the password (force change at next sign-in)",
            "PATCH /v1.0/users/{id} {\"passwordProfile\":{…}}", "User-PasswordProfile.ReadWrite.All", false, false),
    BLOCK_ADDRESSES("block", "Block the attacker's addresses (untrusted IP named location)",
            "POST or PATCH /v1.0/identity/conditionalAccess/namedLocations", "Policy.ReadWrite.ConditionalAccess + "
                    + "Policy.Read.All (Entra ID P1)", true, false),
    BLOCK_URL("block-url", "Block the page proxying the sign-in page (Tenant Allow/Block List, URL)",
            "Exchange New-TenantAllowBlockListItems -ListType Url -Block -Entries {domain} -NoExpiration",
            "Exchange.ManageAsApp + Security Administrator role (Tenant AllowBlockList Manager); URL blocks at time of "
                    + "click need Defender for Office 365", true, false),
    ENABLE_ACCOUNT("enable", "Re-enable the account (analyst only)", "PATCH /v1.0/users/{id} {\"accountEnabled\":true}",
            "User.EnableDisableAccount.All + User.Read.All", true, false);

    private final String id;
    private final String title;
    private final String request;
    private final String permission;
    private final boolean reversible;
    private final boolean automatic;

    StepKind(String id, String title, String request, String permission, boolean reversible, boolean automatic) {
        this.id = id;
        this.title = title;
        this.request = request;
        this.permission = permission;
        this.reversible = reversible;
        this.automatic = automatic;
    }

    /** The step id an analyst types after {@code --approve=}; numbered ({@code rule-2}) when a plan has several. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The request, with placeholders; the plan's steps carry the concrete one. */
    public String request() {
        return request;
    }

    public String permission() {
        return permission;
    }

    public boolean reversible() {
        return reversible;
    }

    /** Whether an automatic-containment policy may run it: reversible and scoped to the one user. */
    public boolean automatic() {
        return automatic;
    }
}

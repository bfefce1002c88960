package io.aitmdefense.respond.contain;

import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Plan;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.plan.Target;

/**
 * The plan as commands a person can paste, for teams that act by hand or want to check what aitm would send:
 * Microsoft Graph PowerShell, {@code az rest} (Azure CLI), and the Exchange / on-premises script. Object ids the
 * evidence could not name (which rule id, which method id) are looked up first, and the lookup command is given.
 */
public final class CopyPasteCommands {
    private CopyPasteCommands() {
    }

    /**
     * The three blocks, each ready to paste: Graph PowerShell, Azure CLI, and the Exchange Online / on-premises script.
     */
    public record Blocks(String graphPowerShell, String azCli, String exchange) {
    }

    public static String markdown(Plan plan) {
        Findings f = plan.findings();
        Blocks b = of(plan);
        return "# Contain " + f.user() + " (incident " + f.incidentId() + ") by hand\n\n"
                + "Run in this order; every command is what `aitm respond run` would send.\n\n"
                + "## Microsoft Graph PowerShell\n\n```powershell\n" + b.graphPowerShell() + "```\n\n"
                + "## Azure CLI (`az rest`)\n\n```bash\n" + b.azCli() + "```\n\n"
                + "## Exchange Online and on-premises\n\n```powershell\n" + b.exchange() + "```\n";
    }

    public static Blocks of(Plan plan) {
        Findings f = plan.findings();
        String u = f.user();
        StringBuilder g = new StringBuilder();
        StringBuilder az = new StringBuilder();
        String base = "https://graph.microsoft.com/v1.0";
        if (f.proxiedDomain().isPresent()) {
            return new Blocks("# nothing to do in Graph: a page's block is in the Tenant Allow/Block List (Exchange Online block)\n",
                    "# nothing to do in Graph: a page's block is in the Tenant Allow/Block List (Exchange Online block)\n", plan.script());
        }
        g.append("Connect-MgGraph -Scopes User.EnableDisableAccount.All,User.RevokeSessions.All,IdentityRiskyUser.ReadWrite.All,"
                + "MailboxSettings.ReadWrite,UserAuthenticationMethod.ReadWrite.All,DelegatedPermissionGrant.ReadWrite.All,"
                + "Application.ReadWrite.All,Device.ReadWrite.All,Policy.ReadWrite.ConditionalAccess,"
                + "AppRoleAssignment.ReadWrite.All\n");
        for (Step s : plan.steps()) {
            switch (s.kind()) {
                case DISABLE_ACCOUNT -> {
                    g.append("Update-MgUser -UserId ").append(q(u)).append(" -AccountEnabled:$false\n");
                    az.append("az rest --method patch --url ").append(base).append("/users/").append(u)
                            .append(" --body '{\"accountEnabled\":false}'\n");
                }
                case REVOKE_SESSIONS -> {
                    g.append("Revoke-MgUserSignInSession -UserId ").append(q(u)).append('\n');
                    az.append("az rest --method post --url ").append(base).append("/users/").append(u).append("/revokeSignInSessions\n");
                }
                case CONFIRM_COMPROMISED -> {
                    g.append("$id = (Get-MgUser -UserId ").append(q(u)).append(").Id\n");
                    g.append("Confirm-MgRiskyUserCompromised -UserIds $id\n");
                    az.append("az rest --method post --url ").append(base).append("/identityProtection/riskyUsers/confirmCompromised")
                            .append(" --body \"{\\\"userIds\\\":[\\\"$(az ad user show --id ").append(u).append(" --query id -o tsv)\\\"]}\"\n");
                }
                case REMOVE_INBOX_RULE -> {
                    Target.InboxRule r = (Target.InboxRule) s.target();
                    g.append("# rule ").append(q(r.name())).append(r.recipients().isEmpty() ? "" : " forwarding to " + String.join(", ", r.recipients())).append('\n');
                    g.append("Get-MgUserMailFolderMessageRule -UserId ").append(q(r.mailbox())).append(" -MailFolderId inbox | Where-Object { $_.DisplayName -eq ")
                            .append(q(r.name())).append(" } | ForEach-Object { Remove-MgUserMailFolderMessageRule -UserId ")
                            .append(q(r.mailbox())).append(" -MailFolderId inbox -MessageRuleId $_.Id }\n");
                    az.append("az rest --method get --url ").append(base).append("/users/").append(r.mailbox())
                            .append("/mailFolders/inbox/messageRules   # find the id of ").append(q(r.name())).append('\n');
                    az.append("az rest --method delete --url ").append(base).append("/users/").append(r.mailbox())
                            .append("/mailFolders/inbox/messageRules/<id>\n");
                }
                case DELETE_AUTH_METHOD -> {
                    Target.Method m = (Target.Method) s.target();
                    g.append("# method registered ").append(m.registered()).append(" (").append(m.method()).append("): check the list, then remove that one\n");
                    g.append("Get-MgUserAuthenticationMethod -UserId ").append(q(u)).append(" | Format-List Id,AdditionalProperties\n");
                    az.append("az rest --method get --url ").append(base).append("/users/").append(u).append("/authentication/methods\n");
                    az.append("az rest --method delete --url ").append(base).append("/users/").append(u)
                            .append("/authentication/<type>Methods/<id>   # e.g. microsoftAuthenticatorMethods\n");
                }
                case REVOKE_GRANT -> {
                    Target.Consent c = (Target.Consent) s.target();
                    g.append("$sp = Get-MgServicePrincipal -Filter \"appId eq '").append(c.appId()).append("'\"\n");
                    g.append("Get-MgUserOauth2PermissionGrant -UserId ").append(q(u)).append(" | Where-Object { $_.ClientId -eq $sp.Id }")
                            .append(" | ForEach-Object { Remove-MgOauth2PermissionGrant -OAuth2PermissionGrantId $_.Id }\n");
                    az.append("az rest --method get --url \"").append(base).append("/users/").append(u).append("/oauth2PermissionGrants\"\n");
                    az.append("az rest --method delete --url ").append(base).append("/oauth2PermissionGrants/<id>\n");
                }
                case REMOVE_APP_ROLES -> {
                    Target.Consent c = (Target.Consent) s.target();
                    g.append("$sp = Get-MgServicePrincipal -Filter \"appId eq '").append(c.appId()).append("'\"\n");
                    g.append("Get-MgUserAppRoleAssignment -UserId ").append(q(u)).append(" | Where-Object { $_.ResourceId -eq $sp.Id }")
                            .append(" | ForEach-Object { Remove-MgUserAppRoleAssignment -UserId ").append(q(u))
                            .append(" -AppRoleAssignmentId $_.Id }\n");
                    az.append("az rest --method get --url \"").append(base).append("/users/").append(u)
                            .append("/appRoleAssignments\"   # the ones whose resourceId is the app's service principal\n");
                    az.append("az rest --method delete --url ").append(base).append("/users/").append(u).append("/appRoleAssignments/<id>\n");
                }
                case DISABLE_APP -> {
                    Target.Consent c = (Target.Consent) s.target();
                    g.append("Update-MgServicePrincipal -ServicePrincipalId (Get-MgServicePrincipal -Filter \"appId eq '")
                            .append(c.appId()).append("'\").Id -AccountEnabled:$false   # tenant-wide\n");
                    az.append("az ad sp update --id ").append(c.appId()).append(" --set accountEnabled=false   # tenant-wide\n");
                }
                case DISABLE_DEVICE -> {
                    Target.Device d = (Target.Device) s.target();
                    g.append("# device ").append(q(d.displayName())).append(" registered ").append(d.registered())
                            .append(" from the attacker's session (Windows only for an app; else a Cloud Device Administrator)\n");
                    g.append("Update-MgDevice -DeviceId ").append(q(d.deviceId())).append(" -AccountEnabled:$false\n");
                    az.append("az rest --method patch --url ").append(base).append("/devices/").append(d.deviceId())
                            .append(" --body '{\"accountEnabled\":false}'\n");
                }
                case BLOCK_ADDRESSES -> {
                    Target.Addresses a = (Target.Addresses) s.target();
                    String body = NamedLocation.body(a.location(), a.ranges()).toString();
                    String filter = "displayName eq '" + a.location().replace("'", "''") + "'";
                    g.append("# the attacker's addresses into the untrusted location ").append(q(a.location()))
                            .append(" (a PATCH replaces ipRanges: merged with what is there)\n");
                    g.append("$new = ").append(q(body)).append(" | ConvertFrom-Json -AsHashtable\n");
                    g.append("$loc = Get-MgIdentityConditionalAccessNamedLocation -Filter \"").append(filter).append("\"\n");
                    g.append("if (-not $loc) { New-MgIdentityConditionalAccessNamedLocation -BodyParameter $new } else {\n")
                            .append("  $ranges = @($loc.AdditionalProperties.ipRanges) + $new.ipRanges | Sort-Object { $_.cidrAddress } -Unique\n")
                            .append("  Update-MgIdentityConditionalAccessNamedLocation -NamedLocationId $loc.Id -BodyParameter ")
                            .append("@{'@odata.type'='#microsoft.graph.ipNamedLocation'; ipRanges=$ranges} }\n");
                    g.append("# then block it: a Conditional Access policy (all users, all apps, this location, grant block), report-only first\n");
                    az.append("az rest --method get --url \"").append(base).append("/identity/conditionalAccess/namedLocations?\\$filter=")
                            .append(filter.replace(" ", "%20")).append("\"   # exists? then PATCH …/namedLocations/<id> with ipRanges merged\n");
                    az.append("az rest --method post --url ").append(base).append("/identity/conditionalAccess/namedLocations --body '")
                            .append(body.replace("'", "'\\''")).append("'\n");
                }
                case RESET_PASSWORD -> {
                    if (s.gate() == Step.Gate.SCRIPT) break;
                    g.append("# reset through the portal or: Update-MgUser -UserId ").append(q(u))
                            .append(" -PasswordProfile @{ForceChangePasswordNextSignIn=$true; Password=(Read-Host -AsSecureString | ConvertFrom-SecureString -AsPlainText)}\n");
                }
                default -> { }
            }
        }
        return new Blocks(g.toString(), az.toString(), plan.script());
    }

    private static String q(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}

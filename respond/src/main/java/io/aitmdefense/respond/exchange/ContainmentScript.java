package io.aitmdefense.respond.exchange;

import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Target;

import java.util.List;

/**
 * The PowerShell an administrator runs for what Graph cannot do (reference/graph-response.md §2.5, §11.2): hidden
 * inbox rules, mailbox forwarding, protocol blocks, mobile devices — and, for a directory-synced user, the
 * on-premises disable and double password reset. Every value is the incident's own; nothing is left to fill in but
 * the connection.
 */
public final class ContainmentScript {
    private ContainmentScript() {
    }

    public static String of(Findings f, boolean synced) {
        if (f.proxiedDomain().isPresent()) return page(f, f.proxiedDomain().get());
        String upn = ps(f.user());
        StringBuilder b = new StringBuilder();
        b.append("# Containment of incident ").append(f.incidentId()).append(" for ").append(f.user()).append('\n');
        b.append("# Exchange Online: Connect-ExchangeOnline -UserPrincipalName <you> (or app-only:"
                + " -CertificateThumbprint … -AppId … -Organization …)\n");
        b.append("# Read first: every rule, including those hidden from Graph and Outlook\n");
        b.append("Get-InboxRule -Mailbox ").append(upn).append(" -IncludeHidden | Format-List Name,Identity,Enabled,"
                + "ForwardTo,ForwardAsAttachmentTo,RedirectTo,DeleteMessage,MoveToFolder,Description\n");
        b.append("Get-Mailbox -Identity ").append(upn).append(" | Format-List ForwardingSmtpAddress,ForwardingAddress,"
                + "DeliverToMailboxAndForward\n\n");
        for (Target.InboxRule r : f.rules()) {
            b.append("# The attacker's rule").append(r.recipients().isEmpty() ? "" : " (forwards to "
                    + String.join(", ", r.recipients()) + ")").append('\n');
            String identity = r.ruleId().isEmpty() ? r.mailbox() + "\\" + r.name() : r.ruleId();
            b.append("Disable-InboxRule -Identity ").append(ps(identity)).append(" -Confirm:$false\n");
            b.append("Remove-InboxRule -Identity ").append(ps(identity)).append(" -Confirm:$false\n");
        }
        for (Target.Forwarding fw : f.forwarding()) {
            b.append("# Forwarding to ").append(String.join(", ", fw.addresses())).append(" set by the attacker\n");
            b.append("Set-Mailbox -Identity ").append(ps(fw.mailbox())).append(" -ForwardingSmtpAddress $null"
                    + " -ForwardingAddress $null -DeliverToMailboxAndForward $false\n");
        }
        b.append("\n# Block the legacy and sync protocols the attacker could keep using (undo with $true)\n");
        b.append("Set-CASMailbox -Identity ").append(upn).append(" -EwsEnabled $false -ImapEnabled $false"
                + " -PopEnabled $false -ActiveSyncEnabled $false -SmtpClientAuthenticationDisabled $true\n");
        b.append("# Mobile devices: remove any that is not the user's own\n");
        b.append("Get-MobileDevice -Mailbox ").append(upn).append(" | Format-List Identity,DeviceModel,FirstSyncTime,"
                + "DeviceUserAgent\n");
        b.append("# Remove-MobileDevice -Identity '<Identity of the attacker''s device>' -Confirm:$false\n");
        b.append("# Delegations added during the incident\n");
        b.append("Get-MailboxPermission -Identity ").append(upn).append(" | Where-Object { -not $_.IsInherited }\n");
        if (synced) {
            b.append("\n# On-premises Active Directory (the user is synced: cloud changes are undone at the next sync)\n");
            b.append("Import-Module ActiveDirectory\n");
            b.append("$upn = ").append(upn).append('\n');
            b.append("$user = Get-ADUser -Filter { UserPrincipalName -eq $upn }\n");
            b.append("Disable-ADAccount -Identity $user\n");
            b.append("# Reset twice so that no previous password hash stays valid; read each one from the prompt\n");
            b.append("Set-ADAccountPassword -Identity $user -Reset -NewPassword (Read-Host -AsSecureString 'New password 1')\n");
            b.append("Set-ADAccountPassword -Identity $user -Reset -NewPassword (Read-Host -AsSecureString 'New password 2')\n");
            b.append("Set-ADUser -Identity $user -ChangePasswordAtLogon $true\n");
            b.append("# then: Start-ADSyncSyncCycle -PolicyType Delta   (on the Entra Connect server)\n");
        }
        return b.toString();
    }

    /** A page proxying the sign-in page: its URL block in the Tenant Allow/Block List, read first. */
    private static String page(Findings f, String domain) {
        StringBuilder b = new StringBuilder();
        b.append("# Block ").append(domain).append(", a page proxying the tenant's sign-in page (incident ")
                .append(f.incidentId()).append(")\n");
        b.append("# Exchange Online: Connect-ExchangeOnline -UserPrincipalName <you> (Security Administrator)\n");
        b.append("# Read first: already blocked → nothing to do\n");
        b.append("Get-TenantAllowBlockListItems -ListType Url -Block | Where-Object { $_.Value -eq ").append(ps(domain))
                .append(" } | Format-List Value,Action,ExpirationDate,Notes\n");
        b.append("New-TenantAllowBlockListItems -ListType Url -Block -Entries ").append(ps(domain))
                .append(" -NoExpiration -Notes ").append(ps("aitm: incident " + f.incidentId())).append('\n');
        if (!f.campaignUsers().isEmpty()) {
            b.append("# Watch (their own incidents): ").append(String.join(", ", f.campaignUsers())).append('\n');
        }
        return b.toString();
    }

    /** A PowerShell single-quoted string: nothing inside is expanded; a quote is doubled. */
    static String ps(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** The lines to run, for tests and the report. */
    public static List<String> lines(String script) {
        return script.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
}

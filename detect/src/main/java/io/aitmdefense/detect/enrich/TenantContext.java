package io.aitmdefense.detect.enrich;

import java.util.List;
import java.util.Set;

/**
 * The tenant's own knowledge, from the config file: trusted networks (CIDRs, ASNs, named-location names that
 * are trusted beyond what the log says), break-glass accounts (never auto-contained, always critical),
 * VIP users (severity raised), and the tenant's mail domains (forwarding elsewhere is external; when empty,
 * a user's own UPN domain is the internal one).
 */
public record TenantContext(List<String> trustedCidrs, Set<Integer> trustedAsns, Set<String> trustedLocationNames,
                            Set<String> breakGlass, Set<String> vips, Set<String> domains) {
    public static final TenantContext EMPTY =
            new TenantContext(List.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public boolean vip(String user) {
        return vips.contains(user);
    }

    public boolean breakGlass(String user) {
        return breakGlass.contains(user);
    }

    /** Whether a mail address is outside the tenant, judged against the configured domains or the user's own. */
    public boolean external(String address, String user) {
        String a = address.toLowerCase().replaceFirst("^smtp:", "");
        int at = a.lastIndexOf('@');
        if (at < 0) return false; // a display name or mailbox alias is internal
        String domain = a.substring(at + 1);
        if (!domains.isEmpty()) return !domains.contains(domain);
        int u = user.lastIndexOf('@');
        return u < 0 || !domain.equalsIgnoreCase(user.substring(u + 1));
    }
}

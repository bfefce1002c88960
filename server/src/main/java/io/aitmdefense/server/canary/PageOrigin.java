package io.aitmdefense.server.canary;

import io.aitmdefense.graph.config.Cloud;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which page displayed the canary, from the hit's {@code Referer} (or {@code Origin}): Microsoft's own sign-in page
 * (the login host of each cloud, or the CDN its branding CSS is served from) is health; no header at all is a browser
 * or privacy setting, counted; any other host is a page that proxied the tenant's sign-in. Headers are untrusted:
 * only a syntactically valid host of at most 253 characters is taken as a domain.
 */
public record PageOrigin(Kind kind, String domain) {
    public enum Kind { MICROSOFT, BLANK, FOREIGN }

    private static final Set<String> MICROSOFT_HOSTS = microsoftHosts();
    /** Hosts under these are Microsoft's sign-in CDNs (branding images and CSS, scripts). */
    private static final List<String> MICROSOFT_SUFFIXES = List.of(".msauth.net", ".msftauth.net", ".msauthimages.net",
            ".msftauthimages.net", ".microsoftonline.com", ".microsoftonline.us", ".microsoftonline.cn");

    public static PageOrigin of(String referrer, String origin) {
        String host = host(referrer);
        if (host.isEmpty()) host = host(origin);
        if (host.isEmpty()) return new PageOrigin(Kind.BLANK, "");
        return new PageOrigin(microsoft(host) ? Kind.MICROSOFT : Kind.FOREIGN, host);
    }

    static boolean microsoft(String host) {
        if (MICROSOFT_HOSTS.contains(host)) return true;
        for (String s : MICROSOFT_SUFFIXES) if (host.endsWith(s)) return true;
        return false;
    }

    /** The lower-cased host of an absolute http(s) URL, or "" when the header is absent, opaque or malformed. */
    static String host(String header) {
        if (header == null || header.isBlank() || header.length() > 2048) return "";
        try {
            URI u = URI.create(header.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) return "";
            String h = u.getHost();
            if (h == null || h.length() > 253 || !h.matches("[A-Za-z0-9.\\-\\[\\]:]+")) return "";
            return h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Set<String> microsoftHosts() {
        Set<String> out = new HashSet<>(Set.of("login.microsoft.com", "login.windows.net", "login.live.com",
                "login.chinacloudapi.cn", "autologon.microsoftazuread-sso.com"));
        for (Cloud c : Cloud.values()) out.add(c.endpoints().login().getHost());
        return Set.copyOf(out);
    }
}

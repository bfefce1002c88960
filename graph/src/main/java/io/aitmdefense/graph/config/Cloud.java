package io.aitmdefense.graph.config;

import java.net.URI;
import java.util.Locale;

/**
 * The Microsoft cloud a tenant lives in. Each cloud has its own login, Graph, Exchange and Management Activity API
 * hosts, and its own resource identifiers: a token is always requested for the cloud's real resource (its
 * {@code /.default} scope) even when {@link Endpoints} point the requests at a local stand-in.
 *
 * <p>Hosts: learn.microsoft.com/graph/deployments (Graph, login), the Entra "National clouds" page (China login
 * {@code login.partner.microsoftonline.cn}), the Office 365 operated by 21Vianet API endpoints page (Exchange
 * {@code partner.outlook.cn}), and the Management Activity API reference (GCC High {@code manage.office365.us};
 * 21Vianet {@code manage.office365.cn}). GCC (moderate) tenants use the global hosts except the Management API,
 * {@code https://manage-gcc.office.com}; US DoD uses {@code dod-graph.microsoft.us}, {@code webmail.apps.mil} and
 * {@code manage.protection.apps.mil}: both are set through {@code endpoints:} (docs/microsoft.md).
 */
public enum Cloud {
    GLOBAL("global", "https://login.microsoftonline.com", "https://graph.microsoft.com",
            "https://outlook.office365.com", "https://manage.office.com"),
    USGOV("usgov", "https://login.microsoftonline.us", "https://graph.microsoft.us",
            "https://outlook.office365.us", "https://manage.office365.us"),
    CHINA("china", "https://login.partner.microsoftonline.cn", "https://microsoftgraph.chinacloudapi.cn",
            "https://partner.outlook.cn", "https://manage.office365.cn");

    private final String key;
    private final Endpoints endpoints;

    Cloud(String key, String login, String graph, String exchange, String management) {
        this.key = key;
        this.endpoints = new Endpoints(URI.create(login), URI.create(graph), URI.create(exchange), URI.create(management));
    }

    /** The word used in the tenant file ({@code cloud: usgov}). */
    public String key() {
        return key;
    }

    /** The cloud's own hosts. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** The {@code /.default} scope of one API in this cloud, e.g. {@code https://graph.microsoft.us/.default}. */
    public String scope(Api api) {
        return endpoints.of(api) + "/.default";
    }

    public static Cloud parse(String word) {
        for (Cloud c : values()) {
            if (c.key.equals(word.trim().toLowerCase(Locale.ROOT))) return c;
        }
        throw new IllegalArgumentException("'" + word + "' is not a cloud (expected global, usgov or china)");
    }
}

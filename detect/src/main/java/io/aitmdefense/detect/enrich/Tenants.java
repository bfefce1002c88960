package io.aitmdefense.detect.enrich;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every tenant's own context in one run: an MSSP's tenants each have their trusted networks, break-glass accounts and
 * VIPs. A record whose tenant id is not listed (or that names none) gets {@code fallback}, the single-tenant file's
 * top level; ids are compared lower-cased.
 */
public record Tenants(TenantContext fallback, Map<String, TenantContext> byId) {
    public static final Tenants NONE = single(TenantContext.EMPTY);

    public Tenants {
        TreeMap<String, TenantContext> lower = new TreeMap<>();
        byId.forEach((id, t) -> lower.put(id.toLowerCase(Locale.ROOT), t));
        byId = java.util.Collections.unmodifiableMap(lower);
    }

    public static Tenants single(TenantContext tenant) {
        return new Tenants(tenant, Map.of());
    }

    /** The context of a tenant id as a log names it ("" for logs that name none). */
    public TenantContext of(String tenantId) {
        TenantContext t = byId.get(tenantId.toLowerCase(Locale.ROOT));
        return t == null ? fallback : t;
    }
}

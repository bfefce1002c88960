package io.aitmdefense.harden.canary;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.graph.GraphClient;
import io.aitmdefense.graph.http.ApiException;
import io.aitmdefense.harden.apply.AuditTrail;
import io.aitmdefense.harden.apply.TenantWriteException;
import io.aitmdefense.posture.canary.CanaryBlock;
import io.aitmdefense.posture.canary.SignInPageCanary;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The canary in the tenant's company branding, through Graph: the default sign-in experience's custom CSS
 * ({@code /organization/{id}/branding/localizations/0/customCSS}, a stream property written with PUT). Reading and
 * diffing need only {@code OrganizationalBranding.Read.All}; writing needs {@code OrganizationalBranding.ReadWrite.All}
 * and happens only in {@link #apply}, audited, then verified by reading the file back.
 */
public final class BrandingCanary {
    private final GraphClient graph;

    public BrandingCanary(GraphClient graph) {
        this.graph = graph;
    }

    /** What the tenant's custom CSS is now and what it would become. */
    public record Change(String organizationId, String current, String wanted) {
        public boolean unchanged() {
            return current.equals(wanted);
        }

        public String path() {
            return cssPath(organizationId);
        }
    }

    /** Reads the tenant's custom CSS and merges the canary block for {@code image} into it. */
    public Change plan(URI image) {
        String org = organizationId();
        requireBranding(org);
        String current = currentCss(org);
        return new Change(org, current, CanaryCss.merge(current, CanaryCss.block(image)));
    }

    /**
     * The canary in the tenant's custom CSS now, compared with this tenant's canary URL when given: what
     * {@code harden canary --check} and {@code aitm posture --config} report.
     */
    public SignInPageCanary check(Optional<String> expected) {
        return SignInPageCanary.of(currentCss(organizationId()), "graph", expected);
    }

    /** Writes the change (when there is one), records it in the audit trail, and reads it back. */
    public void apply(Change change, AuditTrail audit) throws IOException {
        if (change.unchanged()) return;
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("contentType", "text/css").put("css", change.wanted());
        try {
            graph.putStream(change.path(), "text/css", change.wanted());
        } catch (ApiException e) {
            audit.record("branding-canary", "PUT", change.path(), body, "refused: " + e.status() + " " + e.code());
            throw new TenantWriteException(e.status(), e.getMessage());
        }
        audit.record("branding-canary", "PUT", change.path(), body, "ok");
        String after = currentCss(change.organizationId());
        if (!CanaryBlock.url(after).equals(CanaryBlock.url(change.wanted()))) {
            throw new IOException("the tenant's custom CSS does not carry the canary after the write: Graph answered 2xx "
                    + "but reads back " + CanaryBlock.url(after).orElse("no canary"));
        }
    }

    private String organizationId() {
        var value = graph.get("/organization?$select=id").json().path("value");
        if (value.size() != 1) throw new IllegalStateException("GET /organization gave " + value.size() + " organizations, not one");
        return value.get(0).path("id").asText();
    }

    private void requireBranding(String org) {
        try {
            graph.get("/organization/" + org + "/branding");
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new IllegalStateException("the tenant has no company branding yet: configure the default sign-in "
                        + "experience once in the Entra admin center (Company branding), then run this again");
            }
            throw e;
        }
    }

    private String currentCss(String org) {
        try {
            return new String(graph.get(cssPath(org)).body(), StandardCharsets.UTF_8);
        } catch (ApiException e) {
            if (e.status() == 404) return "";
            throw e;
        }
    }

    static String cssPath(String org) {
        return "/organization/" + org + "/branding/localizations/0/customCSS";
    }
}

package io.aitmdefense.respond.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.respond.action.Json;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the {@link UserFacts} the preflight needs. Reads only. */
public final class UserFactsReader {
    /** The service plan that carries Identity Protection (confirmCompromised, risky users). */
    static final String P2_PLAN = "AAD_PREMIUM_P2";

    private UserFactsReader() {
    }

    /** @throws IllegalStateException naming the failed read when the user cannot be read at all */
    /**
     * The facts of the incident's user; for a page proxying the sign-in page ({@link Findings#proxiedDomain()}) there
     * is no user: nothing is read and the facts say so.
     */
    public static UserFacts read(TenantApi api, Findings f) {
        if (f.proxiedDomain().isPresent()) {
            return new UserFacts("", f.proxiedDomain().get(), false, false, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        return read(api, f.user());
    }

    public static UserFacts read(TenantApi api, String upn) {
        Reply u = api.call(Call.get("/v1.0/users/" + Query.seg(upn) + "?$select=id,userPrincipalName,accountEnabled,"
                + "onPremisesSyncEnabled,signInSessionsValidFromDateTime,lastPasswordChangeDateTime"));
        if (!u.ok()) throw new IllegalStateException("cannot read user " + upn + ": " + u.describe());
        JsonNode user = u.body();
        String id = user.path("id").asText(upn);
        List<String> roles = new ArrayList<>();
        Reply r = api.call(Call.get("/v1.0/users/" + Query.seg(id) + "/transitiveMemberOf/microsoft.graph.directoryRole"
                + "?$select=displayName,roleTemplateId"));
        if (r.ok()) r.body().path("value").forEach(n -> roles.add(n.path("displayName").asText()));
        else roles.add("(roles not readable: " + r.describe() + ")"); // unknown counts as privileged: refuse, never assume
        Reply skus = api.call(Call.get("/v1.0/subscribedSkus?$select=skuPartNumber,servicePlans,capabilityStatus"));
        Optional<Boolean> p2 = Optional.empty();
        if (skus.ok()) {
            boolean found = false;
            for (JsonNode sku : skus.body().path("value")) {
                if (!"Enabled".equalsIgnoreCase(sku.path("capabilityStatus").asText("Enabled"))) continue;
                for (JsonNode plan : sku.path("servicePlans")) {
                    if (P2_PLAN.equals(plan.path("servicePlanName").asText())) found = true;
                }
            }
            p2 = Optional.of(found);
        }
        return new UserFacts(id, user.path("userPrincipalName").asText(upn), user.path("accountEnabled").asBoolean(true),
                user.path("onPremisesSyncEnabled").asBoolean(false), roles, p2,
                Json.instant(user, "signInSessionsValidFromDateTime"), Json.instant(user, "lastPasswordChangeDateTime"));
    }
}

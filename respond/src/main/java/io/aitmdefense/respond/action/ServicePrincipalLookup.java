package io.aitmdefense.respond.action;

import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.plan.Target;

/**
 * Finds the consented app's service principal in the tenant: by the object id the audit logged, else by app id
 * ({@code GET /servicePrincipals?$filter=appId eq '…'}). The reply holds the object, or a 404 when there is none.
 */
final class ServicePrincipalLookup {
    static final String SELECT = "id,appId,displayName,accountEnabled,publisherName,appOwnerOrganizationId";

    private ServicePrincipalLookup() {
    }

    static Reply find(TenantApi api, Target.Consent c) {
        if (!c.servicePrincipalId().isEmpty()) {
            return api.call(Call.get("/v1.0/servicePrincipals/" + Query.seg(c.servicePrincipalId()) + "?$select=" + SELECT));
        }
        Reply r = api.call(Call.get("/v1.0/servicePrincipals?$filter=" + Query.enc("appId eq '" + Json.odata(c.appId()) + "'")
                + "&$select=" + SELECT));
        if (!r.ok()) return r;
        var first = r.body().path("value").path(0);
        if (first.isMissingNode()) {
            return new Reply(404, first, r.requestId(), r.clientRequestId(), "Request_ResourceNotFound",
                    "no service principal with appId " + c.appId());
        }
        return new Reply(r.status(), first, r.requestId(), r.clientRequestId(), "", "");
    }
}

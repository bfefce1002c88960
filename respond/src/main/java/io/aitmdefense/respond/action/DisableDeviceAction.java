package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.plan.Target;

import java.util.List;

/**
 * Disables the device the attacker registered ({@code PATCH /devices/{objectId}} {@code accountEnabled false}), so its
 * primary refresh token no longer satisfies device conditions. Disabled, not deleted: the object stays for the
 * investigation and the step can be undone. The audit record's id is looked up as the directory object id first, then
 * as the device's own {@code deviceId} (the id sign-in logs show); a device in neither is reported not found.
 */
public final class DisableDeviceAction implements Action {
    static final String SELECT = "id,deviceId,displayName,accountEnabled,operatingSystem,trustType,registrationDateTime";

    private final Target.Device device;

    public DisableDeviceAction(Target.Device device) {
        this.device = device;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = api.call(Call.get("/v1.0/devices/" + Query.seg(device.deviceId()) + "?$select=" + SELECT));
        JsonNode found = r.body();
        if (r.notFound()) {
            r = api.call(Call.get("/v1.0/devices?$filter=" + Query.enc("deviceId eq '" + Json.odata(device.deviceId()) + "'")
                    + "&$select=" + SELECT));
            found = r.body().path("value").path(0);
            if (r.ok() && found.isMissingNode()) {
                return new Observation(Observation.State.NOT_FOUND, r.body(), List.of(), "no device " + device.displayName()
                        + " (" + device.deviceId() + ") in the directory: deleted already, or never joined", r);
            }
        }
        if (!r.ok()) return Observation.unreadable(r);
        boolean enabled = found.path("accountEnabled").asBoolean(true);
        String id = found.path("id").asText();
        return new Observation(enabled ? Observation.State.TODO : Observation.State.DONE, found, List.of(id),
                "device " + found.path("displayName").asText() + " " + id + " (" + found.path("operatingSystem").asText("unknown OS")
                        + ", registered " + found.path("registrationDateTime").asText("?") + ") accountEnabled " + enabled, r);
    }

    @Override
    public List<Call> writes(Observation before) {
        return before.ids().stream().map(id -> Call.patch("/v1.0/devices/" + Query.seg(id),
                Json.object().put("accountEnabled", false))).toList();
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → accountEnabled false";
    }
}

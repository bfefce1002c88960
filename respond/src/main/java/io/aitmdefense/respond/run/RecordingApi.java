package io.aitmdefense.respond.run;

import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;

import java.util.ArrayList;
import java.util.List;

/** Notes the calls an action's read makes, so the audit line of the read names its requests. */
final class RecordingApi implements TenantApi {
    private final TenantApi api;
    private final List<String> calls = new ArrayList<>();

    RecordingApi(TenantApi api) {
        this.api = api;
    }

    @Override
    public Reply call(Call call) {
        calls.add(call.describe());
        return api.call(call);
    }

    @Override
    public List<Reply> batch(List<Call> list) {
        list.forEach(c -> calls.add(c.describe()));
        return api.batch(list);
    }

    @Override
    public boolean exchange() {
        return api.exchange();
    }

    /** The calls since the last take, joined for one audit line; clears the list. */
    String take() {
        String s = String.join("; ", calls);
        calls.clear();
        return s;
    }
}

package io.aitmdefense.respond.action;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.respond.api.Call;
import io.aitmdefense.respond.api.Query;
import io.aitmdefense.respond.api.Reply;
import io.aitmdefense.respond.api.TenantApi;
import io.aitmdefense.respond.plan.Target;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes the authentication method the attacker registered. The audit record says which kind ("Phone", "Authenticator
 * app"…) and when; the live list says which methods of that kind exist. A method whose creation time is before the
 * attack window is the user's own and never a candidate; a method id in the log picks one exactly. When the
 * evidence still leaves more than one candidate the step stops for a person (§11.2: creation times are missing for
 * most kinds, and fixed ids such as the mobile phone's do not tell registrations apart).
 */
public final class DeleteMethodAction implements Action {
    /** Audit-log wording → Graph {@code @odata.type} suffix. Order matters: "authenticator" before "phone". */
    private static final Map<String, String> KINDS = new java.util.LinkedHashMap<>();
    /** Registrations are logged a little after the sign-in that made them; keep methods created just before the window. */
    private static final Duration SLACK = Duration.ofMinutes(5);

    static {
        KINDS.put("authenticator", "microsoftAuthenticatorAuthenticationMethod");
        KINDS.put("fido", "fido2AuthenticationMethod");
        KINDS.put("security key", "fido2AuthenticationMethod");
        KINDS.put("passkey", "fido2AuthenticationMethod");
        KINDS.put("hello", "windowsHelloForBusinessAuthenticationMethod");
        KINDS.put("temporary", "temporaryAccessPassAuthenticationMethod");
        KINDS.put("oath", "softwareOathAuthenticationMethod");
        KINDS.put("software", "softwareOathAuthenticationMethod");
        KINDS.put("email", "emailAuthenticationMethod");
        KINDS.put("phone", "phoneAuthenticationMethod");
        KINDS.put("sms", "phoneAuthenticationMethod");
        KINDS.put("mobile", "phoneAuthenticationMethod");
    }

    private final String user;
    private final Target.Method method;
    private final Instant windowStart;

    public DeleteMethodAction(String user, Target.Method method, Instant windowStart) {
        this.user = user;
        this.method = method;
        this.windowStart = windowStart;
    }

    @Override
    public Observation observe(TenantApi api) {
        Reply r = api.call(Call.get(base() + "/methods"));
        if (!r.ok()) return Observation.unreadable(r);
        Optional<String> kind = kind(method.method());
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode m : r.body().path("value")) {
            String type = type(m);
            if (type.equals("passwordAuthenticationMethod")) continue;
            if (!method.methodId().isEmpty()) {
                if (method.methodId().equals(m.path("id").asText())) candidates.add(m);
                continue;
            }
            if (kind.isPresent() && !kind.get().equals(type)) continue;
            Optional<Instant> created = Json.instant(m, "createdDateTime").or(() -> Json.instant(m, "creationDateTime"));
            if (created.isPresent() && created.get().isBefore(windowStart.minus(SLACK))) continue;
            candidates.add(m);
        }
        var snapshot = Json.MAPPER.createArrayNode().addAll(candidates);
        List<String> ids = candidates.stream().map(m -> segment(type(m)) + "/" + m.path("id").asText()).toList();
        if (candidates.isEmpty()) {
            return new Observation(Observation.State.NOT_FOUND, snapshot, List.of(), "no " + method.method()
                    + " method registered since " + windowStart + " is listed", r);
        }
        if (candidates.size() > 1) {
            return new Observation(Observation.State.AMBIGUOUS, snapshot, ids, candidates.size() + " " + method.method()
                    + " methods could be the attacker's (" + String.join(", ", ids) + "): choose one and delete it by hand", r);
        }
        return new Observation(Observation.State.TODO, snapshot, ids, describe(candidates.get(0)), r);
    }

    @Override
    public List<Call> writes(Observation before) {
        return before.ids().stream().map(id -> Call.delete(base() + "/" + id)).toList();
    }

    @Override
    public String change(Observation before) {
        return before.detail() + " → deleted";
    }

    private String base() {
        return "/v1.0/users/" + Query.seg(user) + "/authentication";
    }

    static Optional<String> kind(String logged) {
        String l = logged.toLowerCase(Locale.ROOT);
        return KINDS.entrySet().stream().filter(e -> l.contains(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    private static String type(JsonNode m) {
        String t = m.path("@odata.type").asText();
        return t.substring(t.lastIndexOf('.') + 1);
    }

    /** {@code phoneAuthenticationMethod} → {@code phoneMethods}, the collection a DELETE goes to. */
    static String segment(String type) {
        return type.replace("AuthenticationMethod", "Methods");
    }

    private static String describe(JsonNode m) {
        StringBuilder b = new StringBuilder(type(m).replace("AuthenticationMethod", "")).append(' ').append(m.path("id").asText());
        for (String f : List.of("phoneNumber", "displayName", "emailAddress", "deviceTag", "createdDateTime")) {
            if (m.hasNonNull(f)) b.append(' ').append(f).append(' ').append(m.path(f).asText());
        }
        return b.toString();
    }
}

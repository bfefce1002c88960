package io.aitmdefense.detect.detections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an authentication methods policy change weakened, from the old and new JSON of the audit record: a phishable
 * method enabled (SMS, voice call, email one-time passcode, third-party software OATH) or a phishing-resistant one
 * disabled (FIDO2 security keys and passkeys, certificate-based authentication, Windows Hello for Business). The values
 * are either the whole policy ({@code authenticationMethodConfigurations}) or one method's configuration ({@code id},
 * {@code state}); a value that is not JSON gives {@link Optional#empty()}: the change cannot be judged.
 */
final class AuthMethodsPolicyDiff {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PHISHABLE = Set.of("sms", "voice", "email", "softwareoath");
    private static final Set<String> RESISTANT = Set.of("fido2", "x509certificate", "windowshelloforbusiness", "passkey");

    private AuthMethodsPolicyDiff() {
    }

    /** Phrases naming each weakening, empty when nothing weakened; empty optional when either value cannot be read. */
    static Optional<List<String>> weakenings(String oldJson, String newJson) {
        Optional<Map<String, String>> before = states(oldJson), after = states(newJson);
        if (after.isEmpty()) return Optional.empty();
        Map<String, String> was = before.orElse(Map.of());
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : after.get().entrySet()) {
            String id = e.getKey().toLowerCase(Locale.ROOT);
            String old = was.getOrDefault(e.getKey(), "");
            if (PHISHABLE.contains(id) && e.getValue().equals("enabled") && !old.equals("enabled")) {
                out.add("enabled the phishable method " + e.getKey());
            } else if (RESISTANT.contains(id) && e.getValue().equals("disabled") && !old.equals("disabled")) {
                out.add("disabled the phishing-resistant method " + e.getKey());
            }
        }
        return Optional.of(out);
    }

    /** Method id → state ("enabled"/"disabled"), as the value gives them. */
    private static Optional<Map<String, String>> states(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        JsonNode node;
        try {
            node = JSON.readTree(text);
            if (node != null && node.isTextual()) node = JSON.readTree(node.asText());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null) return Optional.empty();
        if (node.isArray() && node.size() == 1) node = node.get(0);
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode configs = node.has("authenticationMethodConfigurations") ? node.get("authenticationMethodConfigurations") : node;
        if (configs.isObject()) add(configs, out);
        else for (JsonNode c : configs) add(c, out);
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static void add(JsonNode config, Map<String, String> out) {
        String id = config.path("id").asText("");
        String state = config.path("state").asText("").toLowerCase(Locale.ROOT);
        if (!id.isEmpty() && !state.isEmpty()) out.put(id, state);
    }
}

package io.aitmdefense.posture.read;

import io.aitmdefense.posture.model.AuthenticationCombination;
import io.aitmdefense.posture.model.AuthenticationMethodMode;
import io.aitmdefense.posture.model.AuthenticationStrength;
import io.aitmdefense.posture.model.GraphEnum;
import io.aitmdefense.posture.model.StrengthPolicyType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code authenticationStrengthPolicy}, whether standalone or expanded inside a grant, or just {@code {"id":…}}. */
final class StrengthParser {

    private final ParseScope scope;

    StrengthParser(ParseScope scope) {
        this.scope = scope;
    }

    Optional<AuthenticationStrength> parse(JsonFields f, String path) {
        String id = f.text("id");
        f.known("description", "createdDateTime", "modifiedDateTime", "requirementsSatisfied",
                "combinationConfigurations", "combinationConfigurations@odata.context");
        List<AuthenticationCombination> combinations = new ArrayList<>();
        // Graph writes each combination as one comma-joined string ("password,sms"): split per element, not per field.
        f.get("allowedCombinations").ifPresent(node -> {
            for (var e : node) {
                if (!e.isTextual()) continue;
                Set<AuthenticationMethodMode> methods = EnumSet.noneOf(AuthenticationMethodMode.class);
                for (String m : e.asText().split(",")) {
                    if (m.isBlank()) continue;
                    Optional<AuthenticationMethodMode> mode = GraphEnum.parse(AuthenticationMethodMode.class, m);
                    if (mode.isPresent()) methods.add(mode.get());
                    else {
                        scope.warn(path + ".allowedCombinations: unknown method '" + m.trim() + "'");
                        methods.add(AuthenticationMethodMode.UNKNOWN_FUTURE_VALUE);
                    }
                }
                if (!methods.isEmpty()) combinations.add(new AuthenticationCombination(methods));
            }
        });
        if (id.isBlank() && combinations.isEmpty()) return Optional.empty();
        StrengthPolicyType type = f.text("policyType").equalsIgnoreCase("builtIn")
                ? StrengthPolicyType.BUILT_IN : StrengthPolicyType.CUSTOM;
        return Optional.of(new AuthenticationStrength(id, f.text("displayName"), type, combinations));
    }
}

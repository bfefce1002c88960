package io.aitmdefense.posture.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.GuestType;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Our own directory snapshot file, written by hand or by a Graph export script:
 * <pre>{"directory":{"users":[{"id":"…","userPrincipalName":"…","groups":["…"],"roles":["…"],
 *   "guestType":"b2bCollaborationGuest","homeTenantId":"…"}],
 *   "groups":[{"id":"…","displayName":"…"}],"breakGlass":["…"]}}</pre>
 * Groups are transitive memberships; roles are role template ids.
 */
final class DirectoryParser {

    private final ParseScope scope;

    DirectoryParser(ParseScope scope) {
        this.scope = scope;
    }

    void parse(JsonNode dir, List<DirectoryUser> users, Map<String, String> groupNames, Set<String> breakGlass) {
        JsonFields d = new JsonFields(dir);
        d.get("users").ifPresent(arr -> {
            for (JsonNode u : arr) {
                JsonFields f = new JsonFields(u);
                if (f.text("id").isBlank() && f.text("userPrincipalName").isBlank()) {
                    scope.warn("directory user without id or userPrincipalName skipped");
                    continue;
                }
                Optional<GuestType> guest = scope.one(GuestType.class, f, "guestType", "directory.users");
                if (guest.isEmpty() && f.bool("guest").orElse(false)) guest = Optional.of(GuestType.B2B_COLLABORATION_GUEST);
                users.add(new DirectoryUser(f.text("id"), f.text("userPrincipalName"),
                        new LinkedHashSet<>(f.ids("groups")), new LinkedHashSet<>(f.ids("roles")), guest,
                        Optional.of(f.text("homeTenantId")).filter(s -> !s.isBlank())));
            }
        });
        d.get("groups").ifPresent(arr -> {
            for (JsonNode g : arr) {
                JsonFields f = new JsonFields(g);
                if (!f.text("id").isBlank()) groupNames.put(f.text("id"), f.text("displayName"));
            }
        });
        breakGlass.addAll(d.ids("breakGlass"));
    }
}

package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.DirectoryUser;
import io.aitmdefense.posture.model.GuestType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the four personas into concrete hypothetical users for this tenant. Policy sets target personas through groups
 * (an "Internals" or licence group, an "Admins" group), so each persona is made a member of the groups policies include
 * for its kind, classified by group name. Groups without a known name are assumed to hold ordinary users; every such
 * assumption is recorded so the report can say what it took for granted.
 */
public final class Personas {

    /** Global Administrator role template id: the role every admin policy includes. */
    public static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";

    private static final Pattern SERVICE = Pattern.compile("service.?account|workload|sync|svc|agent",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GUEST = Pattern.compile("guest|external", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADMIN = Pattern.compile("admin", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXCLUSION = Pattern.compile("exclu", Pattern.CASE_INSENSITIVE);

    private final Map<Persona, DirectoryUser> users = new EnumMap<>(Persona.class);
    private final List<String> assumptions = new ArrayList<>();

    public Personas(ConditionalAccessSnapshot snapshot, BreakGlass breakGlass) {
        Set<String> userGroups = new LinkedHashSet<>();
        Set<String> adminGroups = new LinkedHashSet<>();
        Set<String> guestGroups = new LinkedHashSet<>();
        Set<String> unnamed = new LinkedHashSet<>();
        for (ConditionalAccessPolicy p : snapshot.policies()) {
            for (String g : p.conditions().users().includeGroups()) {
                if (breakGlass.contains(g) || g.startsWith("<")) continue;
                Optional<String> name = snapshot.directory().groupName(g);
                if (name.isEmpty()) {
                    unnamed.add(g);
                    userGroups.add(g);
                    continue;
                }
                String n = name.get();
                if (EXCLUSION.matcher(n).find() || SERVICE.matcher(n).find() || BreakGlass.NAME.matcher(n).find()) continue;
                if (GUEST.matcher(n).find()) guestGroups.add(g);
                else if (ADMIN.matcher(n).find()) adminGroups.add(g);
                else userGroups.add(g);
            }
        }
        if (!unnamed.isEmpty()) {
            assumptions.add(unnamed.size() + " included group(s) have no name in the export (" + String.join(", ", unnamed)
                    + "); users and admins are assumed to be members. Add group names or a directory snapshot to refine.");
        }
        Set<String> admin = new LinkedHashSet<>(userGroups);
        admin.addAll(adminGroups);
        users.put(Persona.ALL_USERS, new DirectoryUser("persona-all-users", "user@tenant", userGroups, Set.of(),
                Optional.empty(), Optional.empty()));
        users.put(Persona.ADMINS, new DirectoryUser("persona-admin", "admin@tenant", admin,
                Set.of(GLOBAL_ADMINISTRATOR), Optional.empty(), Optional.empty()));
        users.put(Persona.GUESTS, new DirectoryUser("persona-guest", "guest@partner", guestGroups, Set.of(),
                Optional.of(GuestType.B2B_COLLABORATION_GUEST), Optional.of("external-tenant")));
        String bgId = breakGlass.ids().stream().findFirst().orElse("persona-break-glass");
        users.put(Persona.BREAK_GLASS, new DirectoryUser(bgId, "breakglass@tenant", breakGlass.ids(),
                Set.of(GLOBAL_ADMINISTRATOR), Optional.empty(), Optional.empty()));
        if (!breakGlass.known()) {
            assumptions.add("No break-glass account or group is configured or recognisable; the break-glass persona is "
                    + "an account no policy excludes.");
        }
    }

    public DirectoryUser user(Persona persona) {
        return users.get(persona);
    }

    public List<String> assumptions() {
        return List.copyOf(assumptions);
    }
}

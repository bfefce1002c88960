package io.aitmdefense.detect.rules;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ATT&CK (Enterprise) tactics of the techniques the catalogue names, as Sentinel spells them. */
final class AttackTactics {
    private static final Map<String, List<String>> BY_TECHNIQUE = Map.ofEntries(
            Map.entry("T1078", List.of("InitialAccess", "Persistence", "PrivilegeEscalation", "DefenseEvasion")),
            Map.entry("T1090", List.of("CommandAndControl")),
            Map.entry("T1098", List.of("Persistence", "PrivilegeEscalation")),
            Map.entry("T1114", List.of("Collection")),
            Map.entry("T1528", List.of("CredentialAccess")),
            Map.entry("T1534", List.of("LateralMovement")),
            Map.entry("T1539", List.of("CredentialAccess")),
            Map.entry("T1550", List.of("DefenseEvasion", "LateralMovement")),
            Map.entry("T1556", List.of("CredentialAccess", "DefenseEvasion", "Persistence")),
            Map.entry("T1557", List.of("CredentialAccess", "Collection")),
            Map.entry("T1562", List.of("DefenseEvasion")),
            Map.entry("T1484", List.of("DefenseEvasion", "PrivilegeEscalation")),
            Map.entry("T1564", List.of("DefenseEvasion")),
            Map.entry("T1566", List.of("InitialAccess")),
            Map.entry("T1657", List.of("Impact")));

    private AttackTactics() {
    }

    /** Tactics of the techniques, in first-seen order; a technique not in the table is a build defect. */
    static List<String> of(List<String> techniques) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : techniques) {
            List<String> tactics = BY_TECHNIQUE.get(t.split("\\.")[0]);
            if (tactics == null) throw new IllegalStateException("no ATT&CK tactic known for " + t + ": add it to AttackTactics");
            out.addAll(tactics);
        }
        return List.copyOf(out);
    }

    /** Sigma's tag form: {@code CredentialAccess} → {@code credential-access}. */
    static String sigmaTag(String tactic) {
        return tactic.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}

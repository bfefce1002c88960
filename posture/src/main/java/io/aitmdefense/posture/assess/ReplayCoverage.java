package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The replay of one persona's session to one target on every platform and client the attacker can present (the
 * platform condition reads the user agent, which the attacker writes), like caOptics' permutations but evaluated
 * with grant and session semantics. {@link #groups()} folds the permutations that share a verdict so a report can
 * say "granted: browser on iOS, android" instead of ten lines.
 */
public record ReplayCoverage(Persona persona, Target target, List<ReplayResult.Variant> permutations) {

    public ReplayCoverage {
        permutations = List.copyOf(permutations);
    }

    /** Permutations with the same outcome and the same deciding policies, in first-seen order. */
    public record Group(Outcome outcome, List<String> decidingPolicies, List<ReplayResult.Variant> variants) {
        public Group {
            decidingPolicies = List.copyOf(decidingPolicies);
            variants = List.copyOf(variants);
        }

        /** The platforms and clients of this group in words, e.g. "browser on iOS, android". */
        public String cells() {
            return describe(variants);
        }
    }

    private record Key(Outcome outcome, List<String> deciding) {
    }

    public List<Group> groups() {
        Map<Key, List<ReplayResult.Variant>> byVerdict = new LinkedHashMap<>();
        for (ReplayResult.Variant v : permutations) {
            Key key = new Key(v.verdict().outcome(), List.copyOf(new LinkedHashSet<>(v.verdict().decidingPolicies())));
            byVerdict.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
        }
        List<Group> groups = new ArrayList<>();
        byVerdict.forEach((key, variants) -> groups.add(new Group(key.outcome(), key.deciding(), variants)));
        return groups;
    }

    /** One persona and the targets whose permutations fold into the same groups: one block of a report. */
    public record Folded(Persona persona, List<Target> targets, List<Group> groups) {
        public Folded {
            targets = List.copyOf(targets);
            groups = List.copyOf(groups);
        }
    }

    /** The mixed pairs, with targets of one persona merged when every group has the same outcome, deciders and cells. */
    public static List<Folded> foldMixed(List<ReplayCoverage> coverages) {
        Map<List<Object>, List<ReplayCoverage>> bySignature = new LinkedHashMap<>();
        for (ReplayCoverage c : coverages) {
            if (!c.mixed()) continue;
            List<Object> signature = new ArrayList<>(List.of(c.persona()));
            for (Group g : c.groups()) signature.add(List.of(g.outcome(), g.decidingPolicies(), g.cells()));
            bySignature.computeIfAbsent(signature, k -> new ArrayList<>()).add(c);
        }
        List<Folded> out = new ArrayList<>();
        bySignature.values().forEach(same -> out.add(new Folded(same.get(0).persona(),
                same.stream().map(ReplayCoverage::target).toList(), same.get(0).groups())));
        return out;
    }

    public List<ReplayResult.Variant> granted() {
        return permutations.stream().filter(v -> v.verdict().outcome() == Outcome.GRANTED).toList();
    }

    /** Some permutations get in and others are stopped: coverage depends on the platform or client presented. */
    public boolean mixed() {
        int granted = granted().size();
        return granted > 0 && granted < permutations.size();
    }

    /** "iOS, android (browser and apps); browser on macOS" — platforms with every client first, then per client. */
    static String describe(List<ReplayResult.Variant> variants) {
        int platforms = ReplaySimulation.PERMUTATION_PLATFORMS.size();
        if (variants.size() == platforms * ReplaySimulation.CLIENTS.size()) return "every platform and client";
        List<String> whole = new ArrayList<>();
        for (Platform platform : ReplaySimulation.PERMUTATION_PLATFORMS) {
            if (ReplaySimulation.CLIENTS.stream().allMatch(c -> variants.stream()
                    .anyMatch(v -> v.platform() == platform && v.client() == c))) whole.add(platform.graphName());
        }
        List<String> parts = new ArrayList<>();
        if (!whole.isEmpty()) parts.add(String.join(", ", whole) + " (browser and apps)");
        for (ClientAppType client : ReplaySimulation.CLIENTS) {
            List<String> on = new ArrayList<>();
            for (ReplayResult.Variant v : variants) {
                if (v.client() == client && !whole.contains(v.platform().graphName())) on.add(v.platform().graphName());
            }
            if (!on.isEmpty()) parts.add(clientLabel(client) + " on " + String.join(", ", on));
        }
        return String.join("; ", parts);
    }

    static String clientLabel(ClientAppType client) {
        return client == ClientAppType.BROWSER ? "browser" : "mobile/desktop apps";
    }

    /** The verdict of one platform and client. */
    public Verdict verdict(Platform platform, ClientAppType client) {
        return permutations.stream().filter(v -> v.platform() == platform && v.client() == client).findFirst()
                .map(ReplayResult.Variant::verdict).orElseThrow();
    }
}

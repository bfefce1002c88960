package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.RiskLevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AITM-CA-021: persona × resource × platform × client with a password alone: any grant is a sign-in with no MFA at all. */
final class MfaGap implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-021", Severity.HIGH,
            "Some persona, resource, platform and client combination has no enforced MFA",
            "Enumerating persona × resource × platform × client app found sign-ins that no enforced policy blocks or "
                    + "challenges with MFA or a stronger control, so a password alone signs in there.",
            "Extend the MFA policy to that combination (usually: include All users, All resources, all client apps, no "
                    + "platform condition) or block the combination.");

    @Override
    public Check check() {
        return Check.MFA_GAP;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Platform> platforms = List.of(Platform.WINDOWS, Platform.MACOS, Platform.LINUX, Platform.IOS, Platform.ANDROID);
        List<Target> targets = List.of(Target.EXCHANGE_ONLINE, Target.SHAREPOINT_ONLINE, Target.AZURE_MANAGEMENT,
                Target.ADMIN_PORTALS, Target.ANY_OTHER_APP);
        List<Finding> out = new ArrayList<>();
        for (Persona persona : List.of(Persona.ALL_USERS, Persona.ADMINS, Persona.GUESTS)) {
            Map<Target, List<String>> gaps = new LinkedHashMap<>();
            for (Target target : targets) {
                for (Platform platform : platforms) {
                    for (ClientAppType client : ReplaySimulation.CLIENTS) {
                        SignInCase c = context.replay().attackerCase(persona, new Access.Resource(target))
                                .with(platform, client).with(context.everydayNetwork());
                        c = new SignInCase(c.persona(), c.user(), c.access(), c.platform(), c.clientApp(), c.network(),
                                c.device(), RiskLevel.NONE, RiskLevel.NONE, Optional.empty());
                        if (context.evaluator().evaluate(c, Holder.PASSWORD_ONLY).outcome() == Outcome.GRANTED) {
                            gaps.computeIfAbsent(target, t -> new ArrayList<>()).add(platform.graphName() + "/"
                                    + (client == ClientAppType.BROWSER ? "browser" : "desktop"));
                        }
                    }
                }
            }
            if (gaps.isEmpty()) continue;
            List<String> parts = new ArrayList<>();
            gaps.forEach((t, cells) -> parts.add(t.label() + " [" + (cells.size() == platforms.size() * 2
                    ? "every platform and client" : String.join(", ", cells)) + "]"));
            out.add(new Finding(check(), "No enforced MFA for " + persona.label() + ": " + String.join("; ", parts) + ".",
                    List.of()));
        }
        return out;
    }
}

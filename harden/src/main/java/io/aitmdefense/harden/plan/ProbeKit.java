package io.aitmdefense.harden.plan;

import java.util.Set;
import io.aitmdefense.posture.assess.Access;
import io.aitmdefense.posture.assess.BreakGlass;
import io.aitmdefense.posture.assess.CaseEvaluator;
import io.aitmdefense.posture.assess.Holder;
import io.aitmdefense.posture.assess.Networks;
import io.aitmdefense.posture.assess.Outcome;
import io.aitmdefense.posture.assess.Persona;
import io.aitmdefense.posture.assess.Personas;
import io.aitmdefense.posture.assess.ReplaySimulation;
import io.aitmdefense.posture.assess.SignInCase;
import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.model.PolicyState;
import io.aitmdefense.posture.model.RiskLevel;
import io.aitmdefense.posture.model.TransferMethod;

import java.util.List;
import java.util.Optional;

/**
 * The posture assessment's hypothetical sign-ins, built once for an export, and the one question the planner asks
 * of an existing policy: on its own and switched on, would it stop this replayed sign-in? Personas are the export's
 * (members of the groups its policies include), so a policy scoped to "Internals" still counts for ordinary users.
 */
final class ProbeKit {

    private final ConditionalAccessSnapshot export;
    private final ReplaySimulation replay;
    private final Networks networks;

    ProbeKit(ConditionalAccessSnapshot export, BreakGlassIds breakGlass) {
        this.export = export;
        BreakGlass bg = BreakGlass.resolve(export, breakGlass.all());
        Personas personas = new Personas(export, bg);
        this.networks = Networks.of(export);
        this.replay = new ReplaySimulation(new CaseEvaluator(export), personas, networks, Set.of());
    }

    SignInCase attacker(Persona persona, Access access, Platform platform, ClientAppType client) {
        return replay.attackerCase(persona, access).with(platform, client);
    }

    SignInCase risky(Persona persona, Access access, Platform platform, ClientAppType client, RiskLevel risk) {
        SignInCase c = attacker(persona, access, platform, client);
        return new SignInCase(c.persona(), c.user(), c.access(), c.platform(), c.clientApp(), c.network(), c.device(),
                risk, RiskLevel.NONE, Optional.empty());
    }

    /** The victim completes device-code sign-in on their own network; the tokens go to the attacker. */
    SignInCase deviceCode(Persona persona, Access access) {
        SignInCase c = attacker(persona, access, Platform.WINDOWS, ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS)
                .with(networks.legitimate()).withFlow(TransferMethod.DEVICE_CODE_FLOW);
        return new SignInCase(c.persona(), c.user(), c.access(), c.platform(), c.clientApp(), c.network(), c.device(),
                RiskLevel.NONE, RiskLevel.NONE, c.authenticationFlow());
    }

    /** True when {@code policy} alone, switched on, stops the replayed sign-in. */
    boolean stops(ConditionalAccessPolicy policy, SignInCase probe) {
        ConditionalAccessSnapshot alone = new ConditionalAccessSnapshot(List.of(enabled(policy)), export.namedLocations(),
                export.authenticationStrengths(), export.authenticationContexts(), export.directory());
        return new CaseEvaluator(alone).evaluate(probe, Holder.ATTACKER_REPLAY).outcome() != Outcome.GRANTED;
    }

    static ConditionalAccessPolicy enabled(ConditionalAccessPolicy p) {
        if (p.state() == PolicyState.ENABLED) return p;
        return new ConditionalAccessPolicy(p.id(), p.displayName(), PolicyState.ENABLED, p.createdDateTime(),
                p.modifiedDateTime(), p.templateId(), p.conditions(), p.grantControls(), p.sessionControls(), p.source(),
                p.unknownFields());
    }
}

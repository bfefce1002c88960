package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.AuthenticationMethodMode;
import io.aitmdefense.posture.model.BuiltInControl;
import io.aitmdefense.posture.model.BuiltInStrengths;
import io.aitmdefense.posture.model.ConditionalAccessSnapshot;
import io.aitmdefense.posture.model.GrantControls;
import io.aitmdefense.posture.model.TransferMethod;
import io.aitmdefense.posture.model.UserAction;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One policy's grant expression: built-in controls, the authentication strength, terms of use and custom controls
 * as terms of one AND/OR. A strength is met only by a performed combination it allows, so phishing-resistant
 * methods satisfy plain MFA but MFA by push never satisfies a phishing-resistant strength.
 */
final class GrantCheck {

    private final ConditionalAccessSnapshot snapshot;

    GrantCheck(ConditionalAccessSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    List<Requirement> terms(GrantControls g) {
        List<Requirement> out = new ArrayList<>();
        for (BuiltInControl c : BuiltInControl.values()) {
            if (!g.builtInControls().contains(c)) continue;
            switch (c) {
                case MFA -> out.add(Requirement.of(RequirementKind.MFA));
                case COMPLIANT_DEVICE -> out.add(Requirement.of(RequirementKind.COMPLIANT_DEVICE));
                case DOMAIN_JOINED_DEVICE -> out.add(Requirement.of(RequirementKind.HYBRID_JOINED_DEVICE));
                case APPROVED_APPLICATION -> out.add(Requirement.of(RequirementKind.APPROVED_CLIENT_APP));
                case COMPLIANT_APPLICATION -> out.add(Requirement.of(RequirementKind.APP_PROTECTION_POLICY));
                case PASSWORD_CHANGE -> out.add(Requirement.of(RequirementKind.PASSWORD_CHANGE));
                case RISK_REMEDIATION -> out.add(Requirement.of(RequirementKind.RISK_REMEDIATION));
                case BLOCK, UNKNOWN_FUTURE_VALUE -> { }
            }
        }
        g.authenticationStrength().ifPresent(s -> out.add(new Requirement(RequirementKind.AUTHENTICATION_STRENGTH, s.id(),
                snapshot.resolve(s))));
        g.termsOfUse().forEach(t -> out.add(new Requirement(RequirementKind.TERMS_OF_USE, t, Optional.empty())));
        g.customAuthenticationFactors().forEach(t ->
                out.add(new Requirement(RequirementKind.CUSTOM_CONTROL, t, Optional.empty())));
        return out;
    }

    boolean satisfied(Requirement r, SignInScenario s) {
        boolean deviceCode = s.authenticationFlow().filter(f -> f == TransferMethod.DEVICE_CODE_FLOW).isPresent();
        Set<AuthenticationMethodMode> methods = usableMethods(s);
        return switch (r.kind()) {
            case MFA -> BuiltInStrengths.MFA.satisfiedBy(methods);
            // An unresolvable strength (custom id without its definition) is never assumed met.
            case AUTHENTICATION_STRENGTH -> r.strength().map(st -> st.satisfiedBy(methods)).orElse(false);
            // Device-code flow carries no device state, so device grants cannot be met through it.
            case COMPLIANT_DEVICE -> !deviceCode && s.device().map(d -> d.registered() && d.compliant()).orElse(false);
            case HYBRID_JOINED_DEVICE -> !deviceCode && s.device().map(DeviceInfo::hybridJoined).orElse(false);
            case APPROVED_CLIENT_APP -> s.satisfiedControls().contains(SatisfiedControl.APPROVED_CLIENT_APP);
            case APP_PROTECTION_POLICY -> s.satisfiedControls().contains(SatisfiedControl.APP_PROTECTION_POLICY);
            case PASSWORD_CHANGE -> s.satisfiedControls().contains(SatisfiedControl.PASSWORD_CHANGED);
            case RISK_REMEDIATION -> s.satisfiedControls().contains(SatisfiedControl.RISK_REMEDIATED);
            case TERMS_OF_USE -> s.satisfiedControls().contains(SatisfiedControl.TERMS_OF_USE_ACCEPTED);
            case CUSTOM_CONTROL -> false;
        };
    }

    /** Registering or joining a device happens before the device exists, so Windows Hello for Business cannot count. */
    private static Set<AuthenticationMethodMode> usableMethods(SignInScenario s) {
        if (s.target() instanceof SignInTarget.Action a && a.action() == UserAction.REGISTER_OR_JOIN_DEVICES) {
            Set<AuthenticationMethodMode> out = EnumSet.noneOf(AuthenticationMethodMode.class);
            out.addAll(s.satisfiedMethods());
            out.remove(AuthenticationMethodMode.WINDOWS_HELLO_FOR_BUSINESS);
            return out;
        }
        return s.satisfiedMethods();
    }
}

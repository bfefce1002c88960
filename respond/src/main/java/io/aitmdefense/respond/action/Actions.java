package io.aitmdefense.respond.action;

import io.aitmdefense.respond.plan.Findings;
import io.aitmdefense.respond.plan.Step;
import io.aitmdefense.respond.plan.Target;
import io.aitmdefense.respond.plan.UserFacts;

import java.util.Optional;

/** The action that carries out a plan step; empty for the evidence step, which is not a write. */
public final class Actions {
    private Actions() {
    }

    public static Optional<Action> of(Step step, Findings f, UserFacts user) {
        String upn = f.user();
        return Optional.ofNullable(switch (step.kind()) {
            case EVIDENCE -> null;
            case DISABLE_ACCOUNT -> new AccountEnabledAction(upn, false);
            case ENABLE_ACCOUNT -> new AccountEnabledAction(upn, true);
            case REVOKE_SESSIONS -> new RevokeSessionsAction(upn, f.lastActivity());
            case CONFIRM_COMPROMISED -> new ConfirmCompromisedAction(user.id());
            case REMOVE_INBOX_RULE -> new RemoveInboxRuleAction((Target.InboxRule) step.target());
            case CLEAR_FORWARDING -> new ClearForwardingAction((Target.Forwarding) step.target());
            case DELETE_AUTH_METHOD -> new DeleteMethodAction(upn, (Target.Method) step.target(), f.firstActivity());
            case REVOKE_GRANT -> new RevokeGrantAction(upn, (Target.Consent) step.target());
            case REMOVE_APP_ROLES -> new RemoveAppRoleAssignmentsAction(upn, (Target.Consent) step.target());
            case DISABLE_APP -> new DisableAppAction((Target.Consent) step.target());
            case DISABLE_DEVICE -> new DisableDeviceAction((Target.Device) step.target());
            case BLOCK_ADDRESSES -> new BlockAddressesAction((Target.Addresses) step.target());
            case BLOCK_URL -> new BlockUrlAction((Target.Url) step.target());
            case RESET_PASSWORD -> new ResetPasswordAction(upn, f.firstActivity());
        });
    }
}

package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ConditionalAccessPolicy;

import java.util.ArrayList;
import java.util.List;

/** AITM-CA-024: an enabled policy for some users whose target resources are None and that has no user action, auth context or app filter. */
final class InertPolicy implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-024", Severity.MEDIUM,
            "An enabled policy targets no resource, user action or authentication context",
            "A policy whose target resources are 'None' (and no user action or auth context) never applies, so the "
                    + "controls it carries (often CAE, sign-in frequency or token protection for admins) protect nothing "
                    + "while the policy list suggests they do.",
            "Set its target resources to All resources (or the intended apps), or delete it. Check in What If that it "
                    + "now applies to the intended users.");

    @Override
    public Check check() {
        return Check.INERT_POLICY;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        // Report-only templates use "None" as a placeholder for the apps to fill in; only enabled ones mislead.
        List<Finding> out = new ArrayList<>();
        for (ConditionalAccessPolicy p : context.snapshot().policies()) {
            if (!p.enforced()) continue;
            var apps = p.conditions().applications();
            boolean noResources = apps.includeApplications().isEmpty()
                    || apps.includeApplications().stream().allMatch("None"::equalsIgnoreCase);
            boolean targetsUsers = !p.conditions().users().includeUsers().stream().allMatch("None"::equalsIgnoreCase)
                    || !p.conditions().users().includeGroups().isEmpty() || !p.conditions().users().includeRoles().isEmpty()
                    || p.conditions().users().includeGuestsOrExternalUsers().isPresent();
            if (noResources && targetsUsers && apps.includeUserActions().isEmpty()
                    && apps.includeAuthenticationContextClassReferences().isEmpty() && apps.applicationFilter().isEmpty()) {
                out.add(new Finding(check(), p.label() + " targets no resources, so it never applies.", List.of(p.label())));
            }
        }
        return out;
    }
}

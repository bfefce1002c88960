package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.model.ClientAppType;
import io.aitmdefense.posture.model.ConditionalAccessPolicy;
import io.aitmdefense.posture.model.Platform;
import io.aitmdefense.posture.whatif.WellKnownApps;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** AITM-CA-007: a token-protection policy targets All resources or Office365, browsers, or platforms besides Windows. */
final class TokenProtectionMisscoped implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-007", Severity.MEDIUM,
            "Token protection targets resources, clients or platforms it does not support",
            "Token protection only works for Windows native clients on Exchange, SharePoint, Teams, AVD and Windows 365. "
                    + "Targeting All resources or the Office365 group, browsers, or other platforms blocks sign-ins "
                    + "that can never satisfy it (users get errors) while giving no replay protection there.",
            "Scope the policy to the supported resources by id (not All, not Office365), platform = windows only, "
                    + "client apps = mobileAppsAndDesktopClients only; cover browsers and other platforms with a "
                    + "compliant-device requirement instead.");

    @Override
    public Check check() {
        return Check.TOKEN_PROTECTION_MISSCOPED;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        List<Finding> out = new ArrayList<>();
        for (ConditionalAccessPolicy p : context.live()) {
            if (!p.sessionControls().tokenProtection()) continue;
            List<String> problems = new ArrayList<>();
            List<String> apps = p.conditions().applications().includeApplications();
            if (apps.stream().anyMatch("All"::equalsIgnoreCase)) problems.add("targets All resources");
            if (apps.stream().anyMatch(WellKnownApps.OFFICE_365_GROUP::equalsIgnoreCase)) problems.add("targets the Office365 group");
            Set<ClientAppType> clients = p.conditions().clientAppTypes();
            if (clients.isEmpty() || clients.contains(ClientAppType.ALL) || clients.contains(ClientAppType.BROWSER)) {
                problems.add("includes browsers");
            }
            Set<Platform> platforms = p.conditions().platforms().includePlatforms();
            if (platforms.isEmpty() || !Set.of(Platform.WINDOWS).containsAll(platforms)) {
                problems.add("platforms are not limited to windows");
            }
            if (!problems.isEmpty()) {
                out.add(new Finding(check(), p.label() + " " + String.join(", ", problems) + ".", List.of(p.label())));
            }
        }
        return out;
    }
}

package io.aitmdefense.simulate.tenant;

import java.util.List;

/** One Conditional Access policy of the simulated tenant, as it appears in sign-in rows. */
public record CaPolicy(String id, String displayName, State state, List<String> grantControls,
                       List<String> sessionControls, Applies applies) {

    public enum State { ENABLED, REPORT_ONLY, DISABLED }

    /** When the policy applies to a sign-in, and whether its controls are then met. */
    public interface Applies {
        Outcome evaluate(CaContext c);
    }

    public enum Outcome { NOT_APPLIED, SATISFIED, NOT_SATISFIED }

    /** The facts of a sign-in the tenant's policies look at. */
    public record CaContext(boolean admin, boolean managedDevice, boolean windows, boolean mobile, boolean browser,
                            boolean trustedLocation, boolean azureManagement, boolean exchangeOrSharePoint,
                            boolean mfaSatisfied, boolean tokenBound, boolean deviceCode) {
    }
}

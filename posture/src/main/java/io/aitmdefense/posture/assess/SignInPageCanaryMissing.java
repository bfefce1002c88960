package io.aitmdefense.posture.assess;

import io.aitmdefense.posture.canary.CanaryStatus;
import io.aitmdefense.posture.canary.SignInPageCanary;

import java.util.List;

/** AITM-CA-033: the branding was read and carries no working sign-in page canary (absent, or stale). */
final class SignInPageCanaryMissing implements FindingRule {

    static final CheckText TEXT = new CheckText("AITM-CA-033", Severity.MEDIUM,
            "The sign-in page carries no working AiTM canary",
            "Every log-based detection fires after the victim has handed over the session. A phishing proxy relays the "
                    + "tenant's real sign-in page, company branding included: a canary image in the branding's custom "
                    + "CSS makes the victim's browser name the proxy's domain to aitm serve, and the user who signs in "
                    + "from that address is named at risk before the stolen session is replayed. A block pointing at an "
                    + "old token or another host reports to nobody, or to a service that cannot tie it to this tenant.",
            "Run 'aitm harden canary --url https://HOST/canary/TOKEN.gif --config tenant.yaml' (the URL aitm serve "
                    + "prints at start), check the dry run, then again with --approve; or write the file with --out "
                    + "and upload it as the default sign-in experience's custom CSS (docs/canary.md).");

    @Override
    public Check check() {
        return Check.SIGN_IN_PAGE_CANARY_MISSING;
    }

    @Override
    public List<Finding> findings(CheckContext context) {
        SignInPageCanary canary = context.canary();
        // Not checked is no evidence either way: only a read that found no (working) canary is a finding.
        if (canary.status() != CanaryStatus.ABSENT && canary.status() != CanaryStatus.STALE) return List.of();
        return List.of(new Finding(check(), canary.detail() + " (read from " + canary.source() + ")", List.of()));
    }
}

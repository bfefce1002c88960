package io.aitmdefense.posture.whatif;

import io.aitmdefense.posture.model.ContinuousAccessEvaluationMode;
import io.aitmdefense.posture.model.PersistentBrowserMode;
import io.aitmdefense.posture.model.SessionControls;
import io.aitmdefense.posture.model.SignInFrequency;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Session controls of several applicable policies combined, strictest wins: every-time over any period and the
 * shortest period otherwise; persistent browser "never" over "always"; CAE strict location over strict enforcement
 * over disabled; on/off controls are on if any policy turns them on.
 */
final class SessionMerge {

    private SessionMerge() {
    }

    static SessionControls merge(List<SessionControls> all) {
        Optional<SignInFrequency> frequency = Optional.empty();
        Optional<PersistentBrowserMode> browser = Optional.empty();
        Optional<String> mcas = Optional.empty();
        Optional<ContinuousAccessEvaluationMode> cae = Optional.empty();
        boolean appRestrictions = false;
        boolean tokenProtection = false;
        boolean resilience = false;
        for (SessionControls s : all) {
            if (s.signInFrequency().isPresent()) frequency = Optional.of(stricter(frequency, s.signInFrequency().get()));
            if (s.persistentBrowser().isPresent()) {
                browser = browser.filter(b -> b == PersistentBrowserMode.NEVER).or(s::persistentBrowser);
            }
            if (s.cloudAppSecurity().isPresent()) mcas = Optional.of(stricterMcas(mcas, s.cloudAppSecurity().get()));
            if (s.continuousAccessEvaluation().isPresent()) {
                ContinuousAccessEvaluationMode m = s.continuousAccessEvaluation().get();
                cae = Optional.of(cae.filter(c -> rank(c) >= rank(m)).orElse(m));
            }
            appRestrictions |= s.applicationEnforcedRestrictions();
            tokenProtection |= s.tokenProtection();
            resilience |= s.disableResilienceDefaults();
        }
        return new SessionControls(frequency, browser, mcas, appRestrictions, cae, tokenProtection, resilience);
    }

    private static SignInFrequency stricter(Optional<SignInFrequency> current, SignInFrequency next) {
        if (current.isEmpty()) return next;
        SignInFrequency c = current.get();
        if (c.everyTime()) return c;
        if (next.everyTime()) return next;
        Duration a = c.period().orElse(Duration.ofDays(90));
        Duration b = next.period().orElse(Duration.ofDays(90));
        return b.compareTo(a) < 0 ? next : c;
    }

    private static String stricterMcas(Optional<String> current, String next) {
        List<String> order = List.of("monitorOnly", "mcasConfigured", "blockDownloads");
        if (current.isEmpty()) return next;
        return order.indexOf(next) > order.indexOf(current.get()) ? next : current.get();
    }

    private static int rank(ContinuousAccessEvaluationMode m) {
        return switch (m) {
            case STRICT_LOCATION -> 3;
            case STRICT_ENFORCEMENT -> 2;
            case DISABLED -> 1;
            case UNKNOWN_FUTURE_VALUE -> 0;
        };
    }
}

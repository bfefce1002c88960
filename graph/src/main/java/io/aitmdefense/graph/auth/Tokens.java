package io.aitmdefense.graph.auth;

import io.aitmdefense.graph.config.Credential;
import io.aitmdefense.graph.config.MicrosoftSettings;

import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.util.Optional;

/** The token provider a tenant file asks for, cached. */
public final class Tokens {
    private Tokens() {
    }

    public static TokenProvider from(MicrosoftSettings settings, Optional<SSLContext> trust, Clock clock) {
        Credential c = settings.credential();
        TokenProvider source;
        if (c instanceof Credential.AccessTokenFile f) {
            source = new TokenFileProvider(f.file(), clock);
        } else if (c instanceof Credential.AccessTokenCommand cmd) {
            source = new TokenCommandProvider(cmd.command(), clock);
        } else {
            // built lazily: reading the certificate or secret waits for the first call that needs a token
            source = new TokenProvider() {
                private MsalTokenProvider msal;

                @Override
                public synchronized AccessToken token(String scope) {
                    if (msal == null) msal = MsalTokenProvider.create(settings, trust);
                    return msal.token(scope);
                }

                @Override
                public String toString() {
                    return "MsalTokenProvider[app=" + settings.clientId().orElse("?") + "]";
                }
            };
        }
        return new CachingTokenProvider(source, clock);
    }
}

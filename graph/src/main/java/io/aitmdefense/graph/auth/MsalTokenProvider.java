package io.aitmdefense.graph.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.aitmdefense.graph.config.Credential;
import io.aitmdefense.graph.config.MicrosoftSettings;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * App-only tokens (client credentials) through MSAL for Java, with a certificate (preferred: MSAL signs the client
 * assertion, RS256 with {@code x5t#S256}) or a client secret. The authority is the configured login endpoint plus
 * the tenant. MSAL accepts only https authorities; instance discovery is off, so MSAL asks nothing of
 * {@code login.microsoftonline.com} beyond the configured token endpoint (which is what lets national clouds and a
 * local stand-in work the same way).
 */
public final class MsalTokenProvider implements TokenProvider {
    private static final long TIMEOUT_SECONDS = 60;

    private final ConfidentialClientApplication app;
    private final String clientId;
    /** Held only to scrub it out of error messages MSAL might echo. */
    private final String secret;

    private MsalTokenProvider(ConfidentialClientApplication app, String clientId, String secret) {
        this.app = app;
        this.clientId = clientId;
        this.secret = secret;
    }

    /**
     * @param trust the TLS trust to use instead of the JDK's (a corporate inspection proxy's root, or a test server's
     *              self-signed certificate); empty for the default
     */
    public static MsalTokenProvider create(MicrosoftSettings settings, Optional<SSLContext> trust) {
        String clientId = settings.clientId().orElseThrow(() -> new TokenException("microsoft.clientId is required"));
        IClientCredential credential;
        String secret = "";
        if (settings.credential() instanceof Credential.Certificate c) {
            CertificateFile cert = CertificateFile.load(c.file(), c.passwordFile());
            credential = ClientCredentialFactory.createFromCertificateChain(cert.key(), cert.chain());
        } else if (settings.credential() instanceof Credential.ClientSecret s) {
            try {
                secret = Files.readString(s.file(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new TokenException("clientSecretFile " + s.file() + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            }
            if (secret.isEmpty()) throw new TokenException("clientSecretFile " + s.file() + ": the file is empty");
            credential = ClientCredentialFactory.createFromSecret(secret);
        } else {
            throw new IllegalArgumentException("MSAL serves certificate and client-secret credentials, not " + settings.credential().key());
        }
        String authority = settings.endpoints().login() + "/" + settings.tenantId() + "/";
        try {
            ConfidentialClientApplication.Builder b = ConfidentialClientApplication.builder(clientId, credential)
                    .authority(authority)
                    .instanceDiscovery(false)
                    .validateAuthority(false)
                    .logPii(false);
            trust.ifPresent(t -> b.sslSocketFactory(t.getSocketFactory()));
            return new MsalTokenProvider(b.build(), clientId, secret);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new TokenException("microsoft.endpoints.login: MSAL refuses the authority " + authority + ": "
                    + e.getMessage() + " (MSAL needs https; a local test server must serve TLS)");
        }
    }

    @Override
    public AccessToken token(String scope) {
        try {
            IAuthenticationResult r = app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).build())
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new AccessToken(r.accessToken(), r.expiresOnDate().toInstant());
        } catch (ExecutionException e) {
            throw new TokenException(describe(scope, e.getCause()));
        } catch (TimeoutException e) {
            throw new TokenException("token for " + scope + ": no answer from the login endpoint within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("token for " + scope + ": interrupted");
        }
    }

    private String describe(String scope, Throwable cause) {
        StringBuilder m = new StringBuilder("token for ").append(scope).append(" (app ").append(clientId).append("): ");
        if (cause instanceof MsalServiceException s) {
            m.append(s.statusCode()).append(' ').append(s.errorCode()).append(": ").append(firstLine(s.getMessage()));
        } else if (cause instanceof MsalException s) {
            m.append(s.errorCode()).append(": ").append(firstLine(s.getMessage()));
        } else {
            m.append(cause.getClass().getSimpleName()).append(": ").append(firstLine(String.valueOf(cause.getMessage())));
        }
        String text = m.toString();
        return secret.isEmpty() ? text : text.replace(secret, "[secret]");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }

    @Override
    public String toString() {
        return "MsalTokenProvider[app=" + clientId + "]";
    }
}

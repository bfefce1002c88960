package io.aitmdefense.server.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Checks an id token as the OpenID Connect core spec (§3.1.3.7) and Entra's token validation guidance require: signed
 * with RS256 by one of the tenant's published keys; issued by the tenant's issuer for this app ({@code iss},
 * {@code tid}, {@code aud}); current ({@code exp}, {@code nbf}, with {@link #SKEW}); and minted for this very sign-in
 * ({@code nonce}). The token came straight from Entra's token endpoint over TLS, but checking it anyway means a
 * mistaken authority, a proxy or a replayed response cannot sign anyone in.
 */
final class IdTokenVerifier {
    /** Clocks of a server and of Entra drift apart by seconds, not minutes. */
    static final Duration SKEW = Duration.ofMinutes(2);

    /** Who the token names. */
    record Identity(String name, String objectId, List<String> roles, List<String> groups, boolean groupsOverflow) {
    }

    private final OidcSettings settings;
    private final OidcProvider provider;
    private final Clock clock;

    IdTokenVerifier(OidcSettings settings, OidcProvider provider, Clock clock) {
        this.settings = settings;
        this.provider = provider;
        this.clock = clock;
    }

    /** The identity of a valid id token; otherwise an {@link OidcException} saying which check failed. */
    Identity verify(String idToken, String nonce) {
        OidcProvider.Discovery d = provider.discovery();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, provider));
        processor.setJWTClaimsSetVerifier((claims, context) -> check(claims, d, nonce));
        JWTClaimsSet claims;
        try {
            claims = processor.process(idToken, null);
        } catch (ParseException e) {
            throw new OidcException("the id token is not a signed JWT");
        } catch (BadJOSEException | JOSEException e) {
            // the key set could not be fetched: say so, rather than blame the token
            OidcRefusal why = e.getCause() instanceof OidcException o ? o.refusal() : OidcRefusal.INVALID;
            throw new OidcException(why, "the id token was refused: " + e.getMessage());
        }
        try {
            String name = firstOf(claims, "preferred_username", "upn", "email").orElse(claims.getStringClaim("oid"));
            if (name == null || name.isBlank()) throw new OidcException("the id token names no user (preferred_username, upn or oid)");
            // more groups than fit in a token: Entra sends _claim_names instead (the groups overage claim)
            boolean overflow = claims.getClaim("_claim_names") != null || Boolean.TRUE.equals(claims.getClaim("hasgroups"));
            return new Identity(name, Optional.ofNullable(claims.getStringClaim("oid")).orElse(""), list(claims, "roles"),
                    list(claims, "groups"), overflow);
        } catch (ParseException e) {
            throw new OidcException("the id token has a claim of the wrong type: " + e.getMessage());
        }
    }

    private void check(JWTClaimsSet c, OidcProvider.Discovery d, String nonce) throws BadJWTException {
        Instant now = clock.instant();
        if (!d.issuer().equals(c.getIssuer())) throw new BadJWTException("iss is " + c.getIssuer() + ", expected " + d.issuer());
        if (!List.of(settings.clientId()).equals(c.getAudience())) {
            throw new BadJWTException("aud is " + c.getAudience() + ", not this app (" + settings.clientId() + ")");
        }
        Object tid = c.getClaim("tid");
        if (!d.tenantId().equals(tid)) throw new BadJWTException("tid is " + tid + ", expected " + d.tenantId());
        Date exp = c.getExpirationTime();
        if (exp == null || !now.isBefore(exp.toInstant().plus(SKEW))) throw new BadJWTException("the id token has expired (exp " + instant(exp) + ")");
        Date nbf = c.getNotBeforeTime();
        if (nbf != null && now.plus(SKEW).isBefore(nbf.toInstant())) throw new BadJWTException("the id token is not valid yet (nbf " + instant(nbf) + ")");
        if (c.getIssueTime() == null) throw new BadJWTException("the id token has no iat");
        if (!nonce.equals(c.getClaim("nonce"))) throw new BadJWTException("the nonce is not this sign-in's");
    }

    private static String instant(Date d) {
        return d.toInstant().toString();
    }

    private static Optional<String> firstOf(JWTClaimsSet c, String... names) throws ParseException {
        for (String n : names) {
            String v = c.getStringClaim(n);
            if (v != null && !v.isBlank()) return Optional.of(v);
        }
        return Optional.empty();
    }

    private static List<String> list(JWTClaimsSet c, String name) throws ParseException {
        List<String> v = c.getStringListClaim(name);
        return v == null ? List.of() : List.copyOf(v);
    }
}

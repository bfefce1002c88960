package io.aitmdefense.server.api;

import io.aitmdefense.server.canary.CanaryEndpoint;
import io.aitmdefense.server.contain.Containment;
import io.aitmdefense.server.source.SourceStatus;
import io.aitmdefense.server.web.OidcSettings;
import io.aitmdefense.store.Database;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the HTTP app serves from: where it listens, the store, the sources' status, the clock, the live event
 * stream, the console's public address, the posture export, containment, the sign-in page canary and the Entra
 * sign-in. Built with {@link #of} and the {@code with…} methods, so a field added later changes no caller.
 */
public record ServerContext(String host, int port, Database db, Supplier<List<SourceStatus>> sources, Clock clock,
                            LiveEvents events, String publicUrl, Optional<PostureSource> posture,
                            Optional<Containment> containment, Optional<CanaryEndpoint> canary,
                            Optional<OidcSettings> oidc) {

    public static ServerContext of(String host, int port, Database db, Supplier<List<SourceStatus>> sources, Clock clock) {
        return new ServerContext(host, port, db, sources, clock, new LiveEvents(), "", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public ServerContext withEvents(LiveEvents e) {
        return new ServerContext(host, port, db, sources, clock, e, publicUrl, posture, containment, canary, oidc);
    }

    /** Where the Conditional Access export is, for {@code /api/v1/posture}. */
    public ServerContext withPosture(Optional<PostureSource> p) {
        return new ServerContext(host, port, db, sources, clock, events, publicUrl, p, containment, canary, oidc);
    }

    /** The service's containment, for the plan routes (without it they answer 503). */
    public ServerContext withContainment(Containment c) {
        return new ServerContext(host, port, db, sources, clock, events, publicUrl, posture, Optional.of(c), canary, oidc);
    }

    /** The console's address as people reach it (behind a proxy, say), for links in notifications. */
    public ServerContext withPublicUrl(String url) {
        return new ServerContext(host, port, db, sources, clock, events, url, posture, containment, canary, oidc);
    }

    /** The sign-in page canary's public image route ({@code /canary/{token}.gif}). */
    public ServerContext withCanary(CanaryEndpoint c) {
        return new ServerContext(host, port, db, sources, clock, events, publicUrl, posture, containment, Optional.of(c), oidc);
    }

    /** Sign-in with Entra ID beside the console tokens (the serve file's {@code oidc:}). */
    public ServerContext withOidc(Optional<OidcSettings> o) {
        return new ServerContext(host, port, db, sources, clock, events, publicUrl, posture, containment, canary, o);
    }
}

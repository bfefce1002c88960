package io.aitmdefense.graph.config;

import java.net.URI;

/**
 * Where requests go: the login host (token endpoint {@code {login}/{tenant}/oauth2/v2.0/token}), Microsoft Graph,
 * the Exchange admin REST host and the Management Activity API host. No trailing slash.
 */
public record Endpoints(URI login, URI graph, URI exchange, URI management) {

    public URI of(Api api) {
        return switch (api) {
            case GRAPH -> graph;
            case EXCHANGE -> exchange;
            case MANAGEMENT -> management;
        };
    }
}

package io.aitmdefense.graph.auth;

/**
 * Access tokens for one tenant, one per scope ({@code https://graph.microsoft.com/.default},
 * {@code https://outlook.office365.com/.default}, {@code https://manage.office.com/.default}, or the national-cloud
 * equivalents). {@link Tokens#from} builds the right one for a tenant file and wraps it in a cache.
 */
public interface TokenProvider {

    /**
     * A token valid for a while yet for the scope.
     *
     * @throws TokenException when no token can be had; its message never contains a secret or a token
     */
    AccessToken token(String scope);

    /** Forget a cached token for the scope (the API answered 401), so the next call fetches a fresh one. */
    default void invalidate(String scope) {
    }
}

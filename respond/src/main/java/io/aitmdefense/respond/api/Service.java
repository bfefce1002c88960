package io.aitmdefense.respond.api;

/** Which Microsoft API a call goes to. */
public enum Service {
    /** Microsoft Graph; paths start with the version, {@code /v1.0/users/…}. */
    GRAPH,
    /** Exchange Online admin REST; paths are {@code /adminapi/beta/{tenant}/InvokeCommand}. */
    EXCHANGE
}

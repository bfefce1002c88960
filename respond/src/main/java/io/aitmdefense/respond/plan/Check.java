package io.aitmdefense.respond.plan;

/** One preflight question about the target and its answer. */
public record Check(String name, Status status, String message) {
    public enum Status { OK, WARN, REFUSE, UNKNOWN }
}

package io.aitmdefense.harden.apply;

/** A write the tenant refused: Graph's HTTP status and error message (never the request's token). */
public final class TenantWriteException extends RuntimeException {

    private final int status;

    public TenantWriteException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

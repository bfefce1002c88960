package io.aitmdefense.respond.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The final answer to a {@link Call}, success or not: actions branch on the status (a 404 after a DELETE is data,
 * not an exception). {@code status} 0 means no answer arrived (connection lost, timeout) — the call may have run.
 *
 * @param body the JSON body, a missing node when there is none
 * @param requestId Microsoft's {@code request-id}, "" when absent
 * @param clientRequestId the GUID sent as {@code client-request-id}, "" when none was sent
 * @param errorCode Graph's {@code error.code}, "" on success
 */
public record Reply(int status, JsonNode body, String requestId, String clientRequestId, String errorCode,
                    String errorMessage) {

    public static Reply noAnswer(String reason) {
        return new Reply(0, MissingNode.getInstance(), "", "", "network", reason);
    }

    public boolean ok() {
        return status / 100 == 2;
    }

    public boolean notFound() {
        return status == 404;
    }

    /** {@code 403 Authorization_RequestDenied: Insufficient privileges…}. */
    public String describe() {
        if (status == 0) return "no answer (" + errorMessage + ")";
        StringBuilder b = new StringBuilder().append(status);
        if (!errorCode.isEmpty()) b.append(' ').append(errorCode);
        if (!errorMessage.isEmpty()) b.append(": ").append(errorMessage);
        return b.toString();
    }
}

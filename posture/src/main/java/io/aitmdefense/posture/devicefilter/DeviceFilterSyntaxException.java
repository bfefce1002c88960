package io.aitmdefense.posture.devicefilter;

/** A rule Entra would reject; {@code position} is the 0-based character offset in the rule. */
public final class DeviceFilterSyntaxException extends Exception {

    private final int position;

    public DeviceFilterSyntaxException(String message, int position) {
        super(message + " at character " + (position + 1));
        this.position = position;
    }

    public int position() {
        return position;
    }
}

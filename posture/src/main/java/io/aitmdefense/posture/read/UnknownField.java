package io.aitmdefense.posture.read;

/**
 * A field the model does not know, kept on the policy ({@code ConditionalAccessPolicy.unknownFields}) and reported so
 * a new Graph property is noticed rather than silently ignored. {@code path} is dotted from the policy root.
 */
public record UnknownField(String file, String policy, String path) {

    @Override
    public String toString() {
        return file + ": " + policy + ": unknown field " + path;
    }
}

package io.aitmdefense.events;

/** One entry of a sign-in's authenticationDetails. */
public record AuthStep(String method, String methodDetail, boolean succeeded, String resultDetail, String requirement) {
}

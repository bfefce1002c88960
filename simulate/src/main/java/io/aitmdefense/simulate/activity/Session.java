package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.tenant.ClientDevice;

/** An Entra session: one interactive root sign-in on one device and every token derived from it. */
public record Session(String id, ClientDevice device, String userAgent) {
}

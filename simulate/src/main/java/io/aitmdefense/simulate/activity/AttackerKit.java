package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.tenant.ClientDevice;

import java.util.List;

/**
 * A campaign's shared infrastructure: the phishing proxy's egress addresses (seen on the victim's proxied sign-in),
 * the replay hosts, the attacker's client, the scripting UA of kits, and the external drop address for forwarding.
 */
record AttackerKit(List<Egress> proxies, List<Egress> replayHosts, ClientDevice device, String kitUserAgent,
                   String dropAddress, String consentAppName, String consentAppId) {
}

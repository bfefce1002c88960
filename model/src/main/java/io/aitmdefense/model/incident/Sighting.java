package io.aitmdefense.model.incident;

import java.time.Instant;

/**
 * A user seen at an address, from any log (OfficeActivity ClientIP, a sign-in), handed to the {@link CampaignLinker}
 * so users without incidents who touched attacker infrastructure show up in the blast radius. {@code activity} says
 * what was seen, e.g. {@code MailItemsAccessed}; "" when not known.
 */
public record Sighting(String user, String ip, Instant time, String activity) {
}

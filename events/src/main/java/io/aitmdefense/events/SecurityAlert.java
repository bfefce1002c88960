package io.aitmdefense.events;

import java.time.Instant;
import java.util.List;

/**
 * One alert raised by a Microsoft security product (Defender XDR, Defender for Cloud Apps, Defender for Office 365,
 * Entra ID Protection …), read from a Graph {@code /security/alerts_v2} page, a Log Analytics {@code SecurityAlert}
 * row or a Defender advanced-hunting {@code AlertInfo}/{@code AlertEvidence} row. {@code user*} name the account
 * the alert is about (from its user or mailbox evidence); {@code ips} are the addresses in its evidence;
 * {@code link} opens the alert in Microsoft's portal. Values are as Microsoft wrote them (severity {@code high},
 * {@code High}; status {@code new}, {@code New}): deciding what they mean is the detections' job.
 */
public record SecurityAlert(
        Instant time, Source source, String tenantId,
        String id, String provider, String title, String category, String severity,
        String status, String classification,
        String userId, String userPrincipalName, List<String> ips, List<String> techniques, String link) implements Event {

    @Override
    public String user() {
        return Users.key(userPrincipalName, userId);
    }
}

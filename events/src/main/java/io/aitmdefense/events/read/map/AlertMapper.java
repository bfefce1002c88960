package io.aitmdefense.events.read.map;

import io.aitmdefense.events.IpAddress;
import io.aitmdefense.events.SecurityAlert;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.Timestamps;
import io.aitmdefense.events.read.row.Row;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.aitmdefense.events.read.row.Fields.*;

/**
 * Microsoft's own alerts in their three shapes, one event each:
 * <ul>
 * <li>Graph {@code /security/alerts_v2}: the account from user and mailbox evidence ({@code userAccount}), addresses
 * from IP evidence, {@code alertWebUrl};</li>
 * <li>Log Analytics {@code SecurityAlert}: the account and addresses from the {@code Entities} JSON (account
 * {@code Name@UPNSuffix} / {@code AadUserId}, mailbox {@code Upn}, ip {@code Address}), else a UPN-shaped
 * {@code CompromisedEntity}; {@code AlertLink};</li>
 * <li>Defender XDR advanced hunting {@code AlertInfo} / {@code AlertEvidence} (or their join): {@code AccountUpn},
 * {@code AccountObjectId}, {@code RemoteIP} of the row; the portal link is built from the alert id, as the portal
 * writes it.</li>
 * </ul>
 * An {@code AlertEvidence} row carries one entity, so an alert exported that way comes as several events with one
 * value each; the detections group them by the alert id.
 */
final class AlertMapper {
    private static final String PORTAL = "https://security.microsoft.com/alerts/";

    private AlertMapper() {
    }

    static SecurityAlert map(Row r, Source src, String tenant) {
        String id = r.first(ID, SYSTEM_ALERT_ID, ALERT_ID);
        if (id.isEmpty()) throw new IllegalArgumentException("security alert without an id (id, SystemAlertId or AlertId)");
        String title = r.first(TITLE, DISPLAY_NAME);
        if (title.isEmpty()) throw new IllegalArgumentException("security alert " + id + " has no title (title, AlertName or Title)");
        Accounts accounts = new Accounts();
        // Graph: evidence[] with userAccount / ipAddress
        for (Row e : r.objects(EVIDENCE)) {
            Row account = e.object(USER_ACCOUNT);
            accounts.user(account.text(UPN), account.text(AZURE_AD_USER_ID));
            accounts.ip(e.text(IP));
        }
        // Log Analytics: Entities[] typed account / mailbox / ip
        for (Row e : r.objects(ENTITIES)) {
            switch (e.text(TYPE).toLowerCase(Locale.ROOT)) {
                case "account" -> {
                    String name = e.text(NAME), suffix = e.text(UPN_SUFFIX);
                    accounts.user(suffix.isEmpty() || name.isEmpty() ? "" : name + "@" + suffix, e.text(AZURE_AD_USER_ID));
                }
                case "mailbox" -> accounts.user(e.text(ENTITY_UPN), e.text(AZURE_AD_USER_ID));
                case "ip" -> accounts.ip(e.text(ADDRESS));
                default -> {
                }
            }
        }
        // advanced hunting: one entity per row
        accounts.user(r.text(ACCOUNT_UPN), r.text(AZURE_AD_USER_ID));
        accounts.ip(r.text(REMOTE_IP));
        String compromised = r.text(COMPROMISED_ENTITY);
        if (accounts.upn.isEmpty() && accounts.objectId.isEmpty() && compromised.indexOf('@') > 0) accounts.user(compromised, "");

        String link = r.text(ALERT_WEB_URL);
        if (link.isEmpty() && r.has(ALERT_ID)) link = PORTAL + id + (tenant.isEmpty() ? "" : "?tid=" + tenant);
        return new SecurityAlert(Timestamps.parse(r.first(FIRST_ACTIVITY_TIME, TIMESTAMP, CREATED, TIME_GENERATED)), src,
                tenant, id, r.first(SERVICE_SOURCE, PRODUCT_NAME, PROVIDER_NAME, DETECTION_SOURCE), title,
                r.first(CATEGORY, TACTICS), r.text(SEVERITY), r.text(STATUS), r.text(CLASSIFICATION),
                accounts.objectId, accounts.upn, List.copyOf(accounts.ips), techniques(r), link);
    }

    private static List<String> techniques(Row r) {
        List<String> out = new ArrayList<>();
        for (String t : r.strings(MITRE_TECHNIQUES)) {
            // Log Analytics writes a JSON array as text; a hand-made export may list them comma-separated
            for (String part : t.split(",")) if (!part.isBlank()) out.add(part.trim());
        }
        return List.copyOf(out);
    }

    /** The first account named (evidence order is Microsoft's: the impacted user comes first) and every address. */
    private static final class Accounts {
        String upn = "", objectId = "";
        final Set<String> ips = new LinkedHashSet<>();

        void user(String u, String oid) {
            if (!upn.isEmpty() || !objectId.isEmpty()) return;
            if (u.indexOf('@') > 0) upn = u;
            if (!oid.isEmpty()) objectId = oid;
        }

        void ip(String raw) {
            String ip = IpAddress.normalise(raw);
            if (!ip.isEmpty()) ips.add(ip);
        }
    }
}

package io.aitmdefense.events.read.map;

import io.aitmdefense.events.LogId;
import io.aitmdefense.events.AuthStep;
import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.Geo;
import io.aitmdefense.events.IpAddress;
import io.aitmdefense.events.Risk;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.TokenContext;
import io.aitmdefense.events.codec.ValueMemo;
import io.aitmdefense.events.read.Timestamps;
import io.aitmdefense.events.read.row.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.aitmdefense.events.read.row.Fields.*;

/**
 * Sign-ins from Log Analytics (SigninLogs, AADNonInteractiveUserSignInLogs ...), diagnostic-settings records
 * (their {@code properties}) and Graph signIn objects: the same concepts under case-insensitively equal names,
 * with complex columns that may be objects or JSON text.
 */
final class SignInMapper {
    private SignInMapper() {
    }

    static SignIn map(Row r, Source src, SignIn.Category category, String tenant) {
        Networks networks = r.memoized(NETWORK_LOCATION_DETAILS, NETWORKS_READ, SignInMapper::networks);
        Row status = r.object(STATUS);
        long code = status.number(ERROR_CODE, Long.MIN_VALUE);
        if (code == Long.MIN_VALUE) code = r.number(RESULT_TYPE, 0);
        LogId id = r.id(ID);
        return new SignIn(
                Timestamps.parse(r.first(CREATED, TIME_GENERATED, TIME)), src, tenant,
                id.isEmpty() ? r.id(ORIGINAL_REQUEST_ID) : id, r.id(CORRELATION_ID),
                r.text(SESSION_ID).toLowerCase(Locale.ROOT), r.id(UNIQUE_TOKEN_ID),
                r.text(USER_ID), r.text(UPN), r.text(USER_TYPE),
                category,
                OfficeMapper.firstAddress(r, IP, CALLER_IP), (int) r.number(ASN, 0), r.text(USER_AGENT),
                r.memoized(DEVICE_DETAIL, DEVICES_READ, d -> device(d.object(DEVICE_DETAIL))), geo(r),
                networks.names(), networks.trusted(),
                r.text(APP_ID), r.text(APP_DISPLAY_NAME), resourceId(r), r.text(RESOURCE_DISPLAY_NAME),
                r.text(CLIENT_APP_USED),
                r.text(AUTH_REQUIREMENT), r.memoized(AUTH_DETAILS, STEPS_READ, SignInMapper::authSteps),
                (int) code, status.first(FAILURE_REASON).isEmpty() ? r.text(RESULT_DESCRIPTION) : status.text(FAILURE_REASON),
                status.text(ADDITIONAL_DETAILS),
                r.text(CA_STATUS), caPolicies(r),
                risk(r), token(r));
    }

    /**
     * Log Analytics calls the sign-in's resource {@code ResourceIdentity} and uses {@code ResourceId} for the ARM path of
     * the log ({@code /tenants/…/providers/Microsoft.aadiam}); an Event Hubs envelope has that path at the top level too.
     */
    private static String resourceId(Row r) {
        String identity = r.text(RESOURCE_IDENTITY);
        if (!identity.isEmpty()) return identity;
        String id = r.text(RESOURCE_ID);
        return id.startsWith("/") ? "" : id;
    }

    static Device device(Row d) {
        if (d.isEmpty()) return Device.UNKNOWN;
        return new Device(d.text(DEVICE_ID), d.text(DISPLAY_NAME), d.text(OPERATING_SYSTEM), d.text(BROWSER),
                d.text(TRUST_TYPE), d.bool(IS_COMPLIANT), d.bool(IS_MANAGED));
    }

    /** LA: LocationDetails object + Location country code; EH/Graph: location object. */
    static Geo geo(Row r) {
        Row loc = r.object(LOCATION_DETAILS);
        if (loc.isEmpty()) loc = r.object(LOCATION);
        String country = loc.text(COUNTRY);
        if (country.isEmpty()) {
            String plain = r.text(LOCATION);
            if (!plain.startsWith("{")) country = plain;
        }
        Row coords = loc.object(GEO);
        return new Geo(loc.text(CITY), loc.text(STATE), country,
                decimal(coords.text(LATITUDE)), decimal(coords.text(LONGITUDE)));
    }

    private static double decimal(String s) {
        if (s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The named networks of a sign-in's address, and whether one of them is a trusted named location. */
    private record Networks(List<String> names, boolean trusted) {
    }

    private static Networks networks(Row r) {
        List<String> names = new ArrayList<>(2);
        boolean trusted = false;
        for (Row n : r.objects(NETWORK_LOCATION_DETAILS)) {
            names.addAll(n.strings(NETWORK_NAMES));
            trusted |= n.text(NETWORK_TYPE).equalsIgnoreCase("trustedNamedLocation");
        }
        return new Networks(List.copyOf(names), trusted);
    }

    private static List<AuthStep> authSteps(Row r) {
        List<Row> rows = r.objects(AUTH_DETAILS);
        AuthStep[] steps = new AuthStep[rows.size()];
        for (int i = 0; i < steps.length; i++) {
            Row s = rows.get(i);
            steps[i] = new AuthStep(s.text(AUTH_METHOD), s.text(AUTH_METHOD_DETAIL), s.bool(SUCCEEDED),
                    s.text(AUTH_STEP_RESULT), s.text(AUTH_STEP_REQUIREMENT));
        }
        return List.of(steps);
    }

    /**
     * A tenant's policies come out the same way for most of its sign-ins, and their JSON text (~3 KB in Log Analytics,
     * escaped inside a string) took more reading than any other column: each distinct text is read once. The same
     * holds, in smaller texts, for devices, auth steps, named networks and the processing details.
     */
    private static final ValueMemo<List<CaResult>> CA_POLICIES_READ = new ValueMemo<>(512);
    private static final ValueMemo<Device> DEVICES_READ = new ValueMemo<>(1 << 12);
    private static final ValueMemo<List<AuthStep>> STEPS_READ = new ValueMemo<>(1 << 10);
    private static final ValueMemo<Networks> NETWORKS_READ = new ValueMemo<>(1 << 8);
    private static final ValueMemo<Boolean> CAE_READ = new ValueMemo<>(1 << 8);

    private static List<CaResult> caPolicies(Row r) {
        return r.memoized(CA_POLICIES, CA_POLICIES_READ, SignInMapper::readCaPolicies);
    }

    /** Only policies that applied (in force or report-only): the notApplied majority is dropped to keep events small. */
    private static List<CaResult> readCaPolicies(Row r) {
        List<Row> rows = r.objectsWhere(CA_POLICIES, RESULT, SignInMapper::applied);
        CaResult[] out = new CaResult[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Row p = rows.get(i);
            out[i] = new CaResult(p.text(ID), p.text(DISPLAY_NAME), p.text(RESULT), List.copyOf(p.strings(ENFORCED_GRANT)),
                    List.copyOf(p.strings(ENFORCED_SESSION)));
        }
        return List.of(out); // shared by every sign-in with the same text
    }

    private static boolean applied(String result) {
        return !(result.equals("notApplied") || result.equals("notEnabled") || result.equals("reportOnlyNotApplied"));
    }

    /** "IsCAEToken" in any case, with or without spaces ("Is CAE Token"): compared in place, as it runs for every key. */
    static boolean isCaeTokenKey(String key) {
        String want = "iscaetoken";
        int k = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ' ') continue;
            if (k == want.length() || Character.toLowerCase(c) != want.charAt(k)) return false;
            k++;
        }
        return k == want.length();
    }

    private static boolean cae(Row r) {
        boolean cae = false;
        // the details hold a handful of key/value pairs and only this one is read: rows are built for it alone
        for (Row kv : r.objectsWhere(AUTH_PROCESSING, KEY, SignInMapper::isCaeTokenKey)) {
            cae = kv.text(VALUE).equalsIgnoreCase("true");
        }
        return cae;
    }

    private static Risk risk(Row r) {
        List<String> types = new ArrayList<>(r.strings(RISK_EVENT_TYPES_V2));
        for (String t : r.strings(RISK_EVENT_TYPES)) if (!types.contains(t)) types.add(t);
        types.removeIf(t -> t.isBlank() || t.equalsIgnoreCase("none"));
        String during = r.text(RISK_DURING), aggregated = r.text(RISK_AGGREGATED);
        if (during.isEmpty() && aggregated.isEmpty() && types.isEmpty()) return Risk.NONE;
        return new Risk(during, aggregated, r.text(RISK_STATE), r.text(RISK_DETAIL), List.copyOf(types));
    }

    private static TokenContext token(Row r) {
        Row tp = r.object(TOKEN_PROTECTION);
        boolean cae = r.memoized(AUTH_PROCESSING, CAE_READ, SignInMapper::cae);
        return new TokenContext(r.text(INCOMING_TOKEN_TYPE), r.text(TOKEN_ISSUER_TYPE), r.text(TRANSFER_METHOD),
                r.text(AUTH_PROTOCOL), tp.has(TOKEN_PROTECTION_STATUS) ? tp.text(TOKEN_PROTECTION_STATUS) : r.text(SIGNIN_TOKEN_PROTECTION),
                (int) tp.number(TOKEN_PROTECTION_CODE, -1), cae);
    }
}

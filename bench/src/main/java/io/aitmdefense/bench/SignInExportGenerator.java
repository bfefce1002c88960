package io.aitmdefense.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a Log Analytics {@code SigninLogs} JSON export (NDJSON, all columns) for the reader benchmarks: rows of about
 * 4.5 KB with 15 Conditional Access entries each, like a tenant with a real CA baseline. Complex columns take the forms
 * LA exports use (log-schemas.md §2.1): DeviceDetail, LocationDetails, Status and ConditionalAccessPolicies as objects,
 * AuthenticationDetails, AuthenticationProcessingDetails and NetworkLocationDetails as JSON text. About one row in a
 * thousand replays an earlier row's session from a hosting network with another client (the AiTM pattern), so the
 * detector and the DuckDB baseline have something to find. Same arguments, same bytes.
 *
 * <p>Usage: {@code SignInExportGenerator ROWS SEED OUT.ndjson}
 */
public final class SignInExportGenerator {
    private static final String TENANT = "5b3f1b2c-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String WORKSPACE = "6b7f0c3a-1d4e-4b7b-9a55-2f1e1c0d9a11";
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
    };
    private static final String REPLAY_AGENT = "axios/1.6.7";
    /** Residential and corporate networks for ordinary sign-ins; hosting networks for replays. */
    private static final int[] HOME_ASNS = {7922, 7018, 701, 20115, 22773};
    private static final int[] HOSTING_ASNS = {14061, 24940, 16276, 63949};
    private static final String[] APPS = {
        "00000002-0000-0ff1-ce00-000000000000|Office 365 Exchange Online",
        "00000003-0000-0ff1-ce00-000000000000|Office 365 SharePoint Online",
        "4765445b-32c6-49b0-83e6-1d93765276ca|OfficeHome",
        "1fec8e78-bce4-4aaf-ab1b-5451cc387264|Microsoft Teams",
    };
    private static final String[] CA_RESULTS = {"success", "notApplied", "notApplied", "notEnabled", "notApplied", "reportOnlyNotApplied"};
    private static final String[] CA_NAMES = {
        "MFA all users", "Block legacy auth", "Compliant device admins", "MFA Azure management", "Block countries",
        "Sign-in frequency", "Phish-resistant admins", "Guest terms of use", "Block device code", "Token protection EXO",
        "MFA risky sign-ins", "High user risk", "App protection mobile", "No persistent browser", "Block risky SPs",
    };

    private final Random rnd;
    private final int users;
    private final String[] caIds = new String[CA_NAMES.length];
    /** Recent sessions that a replay may reuse: session id, user index, time. */
    private final Deque<Object[]> recent = new ArrayDeque<>();

    SignInExportGenerator(long seed, int users) {
        this.rnd = new Random(seed);
        this.users = users;
        for (int i = 0; i < caIds.length; i++) caIds[i] = uuid();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SignInExportGenerator ROWS SEED OUT.ndjson");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0]);
        long seed = Long.parseLong(args[1]);
        Path out = Path.of(args[2]);
        long started = System.nanoTime();
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 20)) {
            new SignInExportGenerator(seed, 20_000).write(rows, w);
        }
        System.out.printf("wrote %d rows, %,d bytes to %s in %.1f s%n", rows, Files.size(out), out,
                (System.nanoTime() - started) / 1e9);
    }

    void write(long rows, Writer w) throws IOException {
        StringBuilder sb = new StringBuilder(6000);
        for (long i = 0; i < rows; i++) {
            sb.setLength(0);
            row(sb, i);
            sb.append('\n');
            w.append(sb);
        }
    }

    private void row(StringBuilder sb, long i) {
        Instant t = START.plusMillis(i * 600);
        int user;
        String session, ip, agent;
        int asn;
        if (!recent.isEmpty() && rnd.nextInt(1000) == 0) {
            Object[] victim = recent.peekFirst(); // the oldest remembered session: minutes old, inside the hour
            session = (String) victim[0];
            user = (int) victim[1];
            asn = HOSTING_ASNS[rnd.nextInt(HOSTING_ASNS.length)];
            ip = "45.77." + rnd.nextInt(256) + "." + rnd.nextInt(256);
            agent = REPLAY_AGENT;
        } else {
            user = rnd.nextInt(users);
            session = uuid();
            asn = HOME_ASNS[user % HOME_ASNS.length];
            ip = (73 + user % 5) + "." + (user >> 8 & 255) + "." + (user & 255) + "." + (1 + rnd.nextInt(250));
            agent = AGENTS[user % AGENTS.length];
            recent.addLast(new Object[] {session, user});
            if (recent.size() > 500) recent.removeFirst();
        }
        String upn = "user" + user + "@contoso.com";
        String name = "User " + user;
        String[] app = APPS[rnd.nextInt(APPS.length)].split("\\|");
        String time = t.toString();
        boolean failed = rnd.nextInt(50) == 0;
        sb.append('{');
        str(sb, "TenantId", WORKSPACE).append(',');
        str(sb, "SourceSystem", "Azure AD").append(',');
        str(sb, "TimeGenerated", time).append(',');
        str(sb, "ResourceId", "/tenants/" + TENANT + "/providers/Microsoft.aadiam").append(',');
        str(sb, "OperationName", "Sign-in activity").append(',');
        str(sb, "OperationVersion", "1.0").append(',');
        str(sb, "Category", "SignInLogs").append(',');
        str(sb, "ResultType", failed ? "50126" : "0").append(',');
        str(sb, "ResultSignature", "None").append(',');
        str(sb, "ResultDescription", failed ? "Error validating credentials due to invalid username or password." : "").append(',');
        raw(sb, "DurationMs", "0").append(',');
        str(sb, "CorrelationId", uuid()).append(',');
        str(sb, "Resource", "Microsoft.aadiam").append(',');
        str(sb, "ResourceGroup", "Microsoft.aadiam").append(',');
        str(sb, "Identity", name).append(',');
        raw(sb, "Level", "4").append(',');
        str(sb, "Location", "US").append(',');
        str(sb, "AlternateSignInName", upn).append(',');
        str(sb, "AppDisplayName", app[1]).append(',');
        str(sb, "AppId", app[0]).append(',');
        str(sb, "AuthenticationContextClassReferences", "[]").append(',');
        str(sb, "AuthenticationDetails", "[{\"authenticationStepDateTime\":\"" + time + "\",\"authenticationMethod\":\"Previously satisfied\","
                + "\"authenticationMethodDetail\":\"\",\"succeeded\":true,\"authenticationStepResultDetail\":\"MFA requirement satisfied by claim in the token\","
                + "\"authenticationStepRequirement\":\"Primary authentication\",\"StatusSequence\":0,\"RequestSequence\":0}]").append(',');
        str(sb, "AuthenticationMethodsUsed", "[]").append(',');
        str(sb, "AuthenticationProcessingDetails", "[{\"key\":\"Legacy TLS (TLS 1.0, 1.1, 3DES)\",\"value\":\"False\"},"
                + "{\"key\":\"Is CAE Token\",\"value\":\"" + (rnd.nextBoolean() ? "True" : "False") + "\"}]").append(',');
        str(sb, "AuthenticationRequirement", "multiFactorAuthentication").append(',');
        str(sb, "AuthenticationRequirementPolicies", "[{\"requirementProvider\":\"multiConditionalAccess\",\"detail\":\"Conditional Access\"}]").append(',');
        str(sb, "ClientAppUsed", "Browser").append(',');
        key(sb, "ConditionalAccessPolicies").append('[');
        for (int k = 0; k < CA_NAMES.length; k++) {
            if (k > 0) sb.append(',');
            String result = CA_RESULTS[rnd.nextInt(CA_RESULTS.length)];
            sb.append('{');
            str(sb, "id", caIds[k]).append(',');
            str(sb, "displayName", "CA" + (k < 9 ? "0" : "") + (k + 1) + " " + CA_NAMES[k]).append(',');
            raw(sb, "enforcedGrantControls", result.equals("success") ? "[\"Mfa\"]" : "[]").append(',');
            raw(sb, "enforcedSessionControls", "[]").append(',');
            str(sb, "result", result).append(',');
            raw(sb, "conditionsSatisfied", "3").append(',');
            raw(sb, "conditionsNotSatisfied", result.equals("notApplied") ? "16" : "0");
            sb.append('}');
        }
        sb.append("],");
        str(sb, "ConditionalAccessStatus", failed ? "notApplied" : "success").append(',');
        str(sb, "CreatedDateTime", time).append(',');
        key(sb, "DeviceDetail").append("{\"deviceId\":\"\",\"displayName\":\"\",\"operatingSystem\":\"Windows10\","
                + "\"browser\":\"Edge 120.0.2210\",\"isCompliant\":false,\"isManaged\":false,\"trustType\":\"\"},");
        raw(sb, "IsInteractive", "true").append(',');
        str(sb, "Id", uuid()).append(',');
        str(sb, "IPAddress", ip).append(',');
        raw(sb, "IsRisky", "false").append(',');
        key(sb, "LocationDetails").append("{\"city\":\"Seattle\",\"state\":\"Washington\",\"countryOrRegion\":\"US\","
                + "\"geoCoordinates\":{\"latitude\":47.6062,\"longitude\":-122.3321}},");
        key(sb, "MfaDetail").append("{},");
        str(sb, "NetworkLocationDetails", "[]").append(',');
        str(sb, "OriginalRequestId", uuid()).append(',');
        str(sb, "ProcessingTimeInMilliseconds", Integer.toString(40 + rnd.nextInt(200))).append(',');
        str(sb, "RiskDetail", "none").append(',');
        str(sb, "RiskEventTypes", "[]").append(',');
        str(sb, "RiskEventTypes_V2", "[]").append(',');
        str(sb, "RiskLevelAggregated", "none").append(',');
        str(sb, "RiskLevelDuringSignIn", "none").append(',');
        str(sb, "RiskState", "none").append(',');
        str(sb, "ResourceDisplayName", app[1]).append(',');
        str(sb, "ResourceIdentity", app[0]).append(',');
        str(sb, "ServicePrincipalId", "").append(',');
        key(sb, "Status").append(failed ? "{\"errorCode\":50126,\"failureReason\":\"Error validating credentials due to invalid username or password.\"},"
                : "{\"errorCode\":0,\"additionalDetails\":\"MFA requirement satisfied by claim in the token\"},");
        str(sb, "TokenIssuerName", "").append(',');
        str(sb, "TokenIssuerType", "AzureAD").append(',');
        str(sb, "UserAgent", agent).append(',');
        str(sb, "UserDisplayName", name).append(',');
        str(sb, "UserId", new UUID(0x5eed_0000_0000_4000L, user).toString()).append(',');
        str(sb, "UserPrincipalName", upn).append(',');
        str(sb, "AADTenantId", TENANT).append(',');
        str(sb, "UserType", "Member").append(',');
        raw(sb, "FlaggedForReview", "false").append(',');
        str(sb, "IPAddressFromResourceProvider", "").append(',');
        str(sb, "SignInIdentifier", upn).append(',');
        str(sb, "SignInIdentifierType", "").append(',');
        str(sb, "ResourceTenantId", TENANT).append(',');
        str(sb, "HomeTenantId", TENANT).append(',');
        str(sb, "UniqueTokenIdentifier", token()).append(',');
        str(sb, "SessionLifetimePolicies", "[]").append(',');
        str(sb, "AutonomousSystemNumber", Integer.toString(asn)).append(',');
        str(sb, "AuthenticationProtocol", "none").append(',');
        str(sb, "CrossTenantAccessType", "none").append(',');
        str(sb, "AppliedEventListeners", "[]").append(',');
        str(sb, "RiskLevel", "").append(',');
        str(sb, "IncomingTokenType", "none").append(',');
        str(sb, "SessionId", session).append(',');
        str(sb, "Type", "SigninLogs");
        sb.append('}');
    }

    private static StringBuilder key(StringBuilder sb, String k) {
        return sb.append('"').append(k).append("\":");
    }

    private static StringBuilder raw(StringBuilder sb, String k, String v) {
        return key(sb, k).append(v);
    }

    /** A string value, escaped as JSON (quotes and backslashes are the only specials the generated values contain). */
    private static StringBuilder str(StringBuilder sb, String k, String v) {
        key(sb, k).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"');
    }

    private String uuid() {
        return new UUID(rnd.nextLong() & ~0xF000L | 0x4000L, rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }

    /** The base64url shape of UniqueTokenIdentifier. */
    private String token() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char[] c = new char[22];
        for (int i = 0; i < c.length; i++) c[i] = alphabet.charAt(rnd.nextInt(64));
        return new String(c);
    }
}

package io.aitmdefense.detect.signals;

import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.detect.enrich.TenantContext;
import io.aitmdefense.events.IpAddress;
import io.aitmdefense.events.RiskDetection;
import io.aitmdefense.events.SignIn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stateless facts about one sign-in that several detections share: where it came from, whether that network is
 * trusted, whether the client is a scripting or phishing-kit agent, and the reasons it looks suspicious on its own.
 * Detections that need history (new network, session seen elsewhere) add that themselves.
 */
public final class SignInSignals {
    /** Phishing-kit and scripting agents used by public rules (Tycoon 2FA: axios/node; scripts: python-requests ...). */
    public static final List<String> SCRIPTING_AGENTS = List.of("python-requests", "python-urllib", "aiohttp", "axios",
            "node-fetch", "node/", "undici", "go-http-client", "curl/", "okhttp", "powershell/", "libwww-perl", "wget/",
            "bav2ropc", "cbainprod", "cbaintar");

    /** Risk types that are about the token or the proxy itself (riskDetection enumeration, compared lower-cased). */
    public static final Set<String> AITM_RISK_TYPES = Set.of("anomaloustoken", "tokenissueranomaly", "attackerinthemiddle",
            "adversaryinthemiddle", "attemptedprtaccess");

    /**
     * Microsoft's own clients (first-party app ids) that sign users in: anything else acting for a user without the user
     * at the keyboard is a third-party app the user or an administrator consented to.
     */
    public static final Set<String> MICROSOFT_CLIENTS = Set.of(
            "4765445b-32c6-49b0-83e6-1d93765276ca", // OfficeHome
            "00000002-0000-0ff1-ce00-000000000000", // Office 365 Exchange Online
            "00000003-0000-0ff1-ce00-000000000000", // Office 365 SharePoint Online
            "00000003-0000-0000-c000-000000000000", // Microsoft Graph
            "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook Mobile
            "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Microsoft Teams
            "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Microsoft Teams Web Client
            "ab9b8c07-8f02-4f72-87fa-80105867a763", // OneDrive SyncEngine
            "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Microsoft Office
            "89bee1f7-5e6e-4d8a-9f3d-ecd601259da7", // Office365 Shell WCSS-Client
            "29d9ed98-a469-4536-ade2-f981bc1d605e", // Microsoft Authentication Broker
            "04b07795-8ddb-461a-bbee-02f9e1bf7b46", // Microsoft Azure CLI
            "1950a258-227b-4e31-a9cf-717495945fc2", // Microsoft Azure PowerShell
            "14d82eec-204b-4c2f-b7e8-296a70dab67e", // Microsoft Graph Command Line Tools
            "aebc6443-996d-45c2-90f0-388ff96faa56", // Visual Studio Code
            "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", // Azure Portal
            "0000000c-0000-0000-c000-000000000000", // Microsoft App Access Panel (My Apps, My Sign-ins)
            "19db86c3-b2b9-44cc-b339-36da233a3be2", // My Sign-ins
            "9ba1a5c7-f17a-4de9-a1f1-6178c8d51223", // Microsoft Intune Company Portal
            "0000000a-0000-0000-c000-000000000000", // Microsoft Intune
            "38aa3b87-a06d-4817-b275-7a316988d93b"); // Windows Sign In
    /** First-party clients a person hands a session to on their own machine: the command-line tools and the broker. */
    private static final Set<String> HAND_OFF_CLIENTS = Set.of(
            "04b07795-8ddb-461a-bbee-02f9e1bf7b46", // Microsoft Azure CLI
            "1950a258-227b-4e31-a9cf-717495945fc2", // Microsoft Azure PowerShell
            "14d82eec-204b-4c2f-b7e8-296a70dab67e", // Microsoft Graph Command Line Tools
            "aebc6443-996d-45c2-90f0-388ff96faa56", // Visual Studio Code
            "29d9ed98-a469-4536-ade2-f981bc1d605e"); // Microsoft Authentication Broker

    private SignInSignals() {
    }

    /**
     * The sign-in presents the user's own managed machine: a compliant device or a hybrid-joined one. Its device claim
     * comes from the machine's own registration, which a reverse proxy in the middle of a browser sign-in cannot relay,
     * so such a sign-in is never an AiTM proxy's, whatever network it leaves from (a VPN, cloud egress).
     */
    public static boolean ownManagedDevice(SignIn s) {
        return s.device().compliant() || s.device().trustType().toLowerCase(Locale.ROOT).startsWith("hybrid");
    }

    /**
     * A non-interactive sign-in by an app that is not one of Microsoft's clients: a third-party integration the user
     * consented to (CRM, marketing, scheduling) refreshing the user's token from its own cloud. Its refresh tokens are
     * bound to the app's own credentials, so this is the app at work, not a replayed browser session.
     */
    public static boolean thirdPartyAppActing(SignIn s) {
        if (s.interactive() || s.appId().isEmpty() || MICROSOFT_CLIENTS.contains(s.appId().toLowerCase(Locale.ROOT))) return false;
        // Microsoft has hundreds of first-party clients; their display names come from Microsoft's own service
        // principals, so a name like Microsoft's is Microsoft's (a third-party app named so is merely judged as one)
        String name = s.appName().toLowerCase(Locale.ROOT);
        for (String word : MICROSOFT_NAMES) if (name.startsWith(word) || name.contains(" " + word)) return false;
        return true;
    }

    private static final List<String> MICROSOFT_NAMES = List.of("microsoft", "office", "outlook", "teams", "onedrive",
            "sharepoint", "exchange", "windows", "azure", "intune", "skype", "bing", "my signins", "my apps", "my profile", "power ");

    /**
     * A session handed from the browser to a first-party tool on the same machine: a device-code flow, or a sign-in of
     * Azure CLI, Azure or Graph PowerShell, Visual Studio Code or the authentication broker. Such a client (often a
     * Linux/WSL or python agent) using the session is the person's own machine when it is on the browser's address.
     */
    public static boolean handOffClient(SignIn s) {
        return s.token().deviceCode() || firstPartyTool(s);
    }

    /** Azure CLI, Azure or Graph PowerShell, Visual Studio Code or the authentication broker signed the user in. */
    public static boolean firstPartyTool(SignIn s) {
        return HAND_OFF_CLIENTS.contains(s.appId().toLowerCase(Locale.ROOT));
    }

    public static Network network(SignIn s, Enrichment e) {
        return e.network(s.ip(), s.asn());
    }

    /**
     * The tenant vouches for this network: the log tagged it a trusted named location, the location name is on
     * the tenant's list, or the ASN/CIDR is allow-listed. This overrides any hosting verdict (SASE, VDI).
     */
    public static boolean trusted(SignIn s, Network n, TenantContext tenant) {
        if (s.trustedLocation() || n.trusted()) return true;
        for (String name : s.namedLocations()) {
            if (tenant.trustedLocationNames().contains(name.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }

    /** A hosting/VPS network the tenant has not vouched for. */
    public static boolean untrustedHosting(SignIn s, Network n, TenantContext tenant) {
        return n.hosting() && !trusted(s, n, tenant);
    }

    /**
     * Whether two addresses sit on networks that are really different: different ASNs that do not belong to one
     * curated owner (Microsoft's or Amazon's several ASNs are one network), or, when an ASN is unknown, a different
     * IPv4 /16 or IPv6 /48. A switch between IPv4 and IPv6 without both ASNs is not evidence: one ISP's dual stack
     * looks exactly like that and the prefixes cannot be compared.
     */
    public static boolean differentNetworks(Network a, Network b) {
        if (a.ip().isEmpty() || b.ip().isEmpty()) return false;
        if (a.asn() > 0 && b.asn() > 0) {
            if (a.asn() == b.asn()) return false;
            String oa = ownerName(a.owner()), ob = ownerName(b.owner());
            return oa.isEmpty() || !oa.equalsIgnoreCase(ob);
        }
        if (IpAddress.isV6(a.ip()) != IpAddress.isV6(b.ip())) return false;
        return !IpAddress.network(a.ip()).equals(IpAddress.network(b.ip()));
    }

    /** "Microsoft Corporation (Azure ExpressRoute)" and "Microsoft Corporation" are one owner. */
    private static String ownerName(String owner) {
        int paren = owner.indexOf(" (");
        return paren < 0 ? owner.trim() : owner.substring(0, paren).trim();
    }

    private static final int VERDICTS_MAX = 4096;
    /** Asked for every sign-in by several detections; the same few agent strings recur, so each is matched once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> SCRIPTING_VERDICTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    public static boolean scriptingAgent(String userAgent) {
        Boolean known = SCRIPTING_VERDICTS.get(userAgent);
        if (known != null) return known;
        boolean verdict = scriptingAgent(userAgent, SCRIPTING_AGENTS);
        if (SCRIPTING_VERDICTS.size() >= VERDICTS_MAX) SCRIPTING_VERDICTS.clear(); // bounded whatever the input
        SCRIPTING_VERDICTS.put(userAgent, verdict);
        return verdict;
    }

    public static boolean scriptingAgent(String userAgent, List<String> patterns) {
        if (userAgent.isEmpty()) return false;
        String ua = userAgent.toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            String q = p.toLowerCase(Locale.ROOT);
            if (q.endsWith("/") ? ua.startsWith(q) || ua.contains(" " + q) : ua.contains(q)) return true;
        }
        return false;
    }

    /** Sign-in risk Identity Protection raised and nobody dismissed: medium or high, or any AiTM-related risk type. */
    public static boolean risky(SignIn s) {
        if (!s.risk().atRisk()) return false;
        String l = s.risk().levelDuringSignIn().isEmpty() ? s.risk().levelAggregated() : s.risk().levelDuringSignIn();
        if (l.equals("medium") || l.equals("high")) return true;
        // a low "unfamiliar features" is what every new joiner and traveller gets: only the AiTM types count at low
        for (String t : s.risk().eventTypes()) if (AITM_RISK_TYPES.contains(t.toLowerCase(Locale.ROOT))) return true;
        return false;
    }

    /**
     * Why this successful user sign-in is suspicious on its own; empty when it is not. Failed sign-ins and workload
     * identities are never suspicious here. What needs the user's history (a token from a new network, a session on a
     * second network) the user's ledger of suspicious sign-ins adds.
     */
    public static List<Suspicion.Reason> reasons(SignIn s, Enrichment e) {
        List<Suspicion.Reason> r = new ArrayList<>(3);
        if (!s.success() || s.workload()) return r;
        Network n = network(s, e);
        // the user's own managed machine behind a VPN, or a consented app working from its cloud, is not someone
        // signing in from a hosting network
        if (untrustedHosting(s, n, e.tenant()) && !ownManagedDevice(s) && !thirdPartyAppActing(s)) {
            r.add(Suspicion.HOSTING.because("hosting network the tenant has not marked trusted"));
        }
        // Azure CLI and PowerShell are scripts by nature (MSAL's python or .NET agent): their agent says nothing
        if (scriptingAgent(s.userAgent()) && !firstPartyTool(s)) {
            r.add(Suspicion.SCRIPTING_CLIENT.because("scripting client '" + s.userAgent() + "'"));
        }
        if (risky(s)) r.add(Suspicion.RISKY_SIGN_IN.because("sign-in risk " + riskLabel(s)));
        if (s.token().deviceCode() && !trusted(s, n, e.tenant())) {
            r.add(Suspicion.DEVICE_CODE.because(n.hosting() ? "device code flow from hosting network" : "device code flow"));
        }
        return r;
    }

    /**
     * An Identity Protection detection that still stands (not dismissed, remediated or confirmed safe) and says more
     * than "a little unusual": medium or high, or one of the AiTM/token-theft types whatever its level.
     */
    public static boolean standingRisk(RiskDetection r) {
        if (r.triaged() || r.riskState().equalsIgnoreCase("none")) return false;
        String level = r.riskLevel().toLowerCase(Locale.ROOT);
        return level.equals("medium") || level.equals("high") || AITM_RISK_TYPES.contains(r.riskEventType().toLowerCase(Locale.ROOT));
    }

    private static String riskLabel(SignIn s) {
        String level = s.risk().levelDuringSignIn().isEmpty() ? s.risk().levelAggregated() : s.risk().levelDuringSignIn();
        return s.risk().eventTypes().isEmpty() ? level : level + " (" + String.join(", ", s.risk().eventTypes()) + ")";
    }
}

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

    private SignInSignals() {
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
        if (untrustedHosting(s, n, e.tenant())) r.add(Suspicion.HOSTING.because("hosting network the tenant has not marked trusted"));
        if (scriptingAgent(s.userAgent())) r.add(Suspicion.SCRIPTING_CLIENT.because("scripting client '" + s.userAgent() + "'"));
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

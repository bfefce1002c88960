package io.aitmdefense.simulate.tenant;

import java.util.List;

/**
 * The networks the simulation draws addresses from. Every prefix is a real allocation of the named ASN (checked
 * against public routing data), so offline IP→ASN enrichment of the generated logs gives the ASN the logs carry.
 */
public final class Networks {
    // home broadband
    public static final Network COMCAST = new Network("Comcast Cable", 7922, NetworkKind.RESIDENTIAL,
            List.of("73.0.0.0/8", "98.192.0.0/10"), "2601", Place.NEW_YORK);
    public static final Network ATT = new Network("AT&T Services", 7018, NetworkKind.RESIDENTIAL,
            List.of("99.32.0.0/11"), "", Place.CHICAGO);
    public static final Network DEUTSCHE_TELEKOM = new Network("Deutsche Telekom", 3320, NetworkKind.RESIDENTIAL,
            List.of("79.192.0.0/10", "91.0.0.0/10"), "2003", Place.FRANKFURT);
    public static final Network BT = new Network("British Telecommunications", 2856, NetworkKind.RESIDENTIAL,
            List.of("86.128.0.0/10"), "", Place.LONDON);
    public static final Network ORANGE = new Network("Orange S.A.", 3215, NetworkKind.RESIDENTIAL,
            List.of("90.0.0.0/10"), "2a01:cb00", Place.PARIS);
    public static final Network VODAFONE_DE = new Network("Vodafone GmbH", 3209, NetworkKind.RESIDENTIAL,
            List.of("178.24.0.0/14"), "2a02:8108", Place.BERLIN);
    // mobile carriers (CGNAT)
    public static final Network T_MOBILE_US = new Network("T-Mobile USA", 21928, NetworkKind.MOBILE,
            List.of("172.56.0.0/14", "172.58.0.0/15"), "2607:fb90", Place.NEW_YORK);
    public static final Network VERIZON_WIRELESS = new Network("Verizon Wireless", 22394, NetworkKind.MOBILE,
            List.of("174.192.0.0/10"), "2600:1000", Place.CHICAGO);
    public static final Network TELEKOM_MOBILE = new Network("Deutsche Telekom (mobile)", 3320, NetworkKind.MOBILE,
            List.of("80.187.0.0/16"), "2a01:598", Place.FRANKFURT);
    // corporate egress
    public static final Network ZSCALER = new Network("Zscaler", 53813, NetworkKind.SASE,
            List.of("165.225.0.0/17"), "", Place.NEW_YORK);
    public static final Network AWS_WORKSPACES = new Network("Amazon AWS (WorkSpaces VDI)", 16509, NetworkKind.VDI,
            List.of("3.120.0.0/14"), "", Place.FRANKFURT);
    public static final Network MICROSOFT = new Network("Microsoft Corporation", 8075, NetworkKind.MICROSOFT,
            List.of("20.190.128.0/18", "40.126.0.0/18"), "", Place.DUBLIN);
    /** Exchange Online front ends: the ClientIP of REST calls Microsoft makes for Outlook mobile. */
    public static final Network MICROSOFT_EXCHANGE = new Network("Microsoft Corporation (Exchange Online)", 8075,
            NetworkKind.MICROSOFT, List.of("52.96.0.0/14"), "", Place.DUBLIN);
    // hosting / VPS (attacker infrastructure)
    public static final Network DIGITALOCEAN = new Network("DigitalOcean", 14061, NetworkKind.HOSTING,
            List.of("159.89.0.0/16", "167.99.0.0/16"), "", Place.AMSTERDAM);
    public static final Network HETZNER = new Network("Hetzner Online", 24940, NetworkKind.HOSTING,
            List.of("5.161.0.0/16", "116.202.0.0/16"), "", Place.FRANKFURT);
    public static final Network OVH = new Network("OVH SAS", 16276, NetworkKind.HOSTING,
            List.of("51.68.0.0/16", "51.75.0.0/16"), "", Place.PARIS);
    public static final Network VULTR = new Network("Vultr (Choopa)", 20473, NetworkKind.HOSTING,
            List.of("45.32.0.0/16", "149.28.0.0/16"), "", Place.ASHBURN);
    /** The cloud a consented SaaS integration runs in (AWS us-east-1), not the company's own. */
    public static final Network AWS_SAAS = new Network("Amazon AWS", 14618, NetworkKind.HOSTING,
            List.of("52.0.0.0/11"), "", Place.ASHBURN);
    public static final Network M247 = new Network("M247 Europe", 9009, NetworkKind.HOSTING,
            List.of("146.70.0.0/16"), "", Place.BUCHAREST);
    public static final Network LINODE = new Network("Akamai Linode", 63949, NetworkKind.HOSTING,
            List.of("172.104.0.0/15", "139.162.0.0/16"), "", Place.SINGAPORE);

    public static final List<Network> RESIDENTIAL_US = List.of(COMCAST, ATT);
    public static final List<Network> RESIDENTIAL_EU = List.of(DEUTSCHE_TELEKOM, BT, ORANGE, VODAFONE_DE);
    public static final List<Network> HOSTING = List.of(DIGITALOCEAN, HETZNER, OVH, VULTR, M247, LINODE);

    /** Every network the simulation draws addresses from. */
    public static final List<Network> ALL = List.of(COMCAST, ATT, DEUTSCHE_TELEKOM, BT, ORANGE, VODAFONE_DE, T_MOBILE_US,
            VERIZON_WIRELESS, TELEKOM_MOBILE, ZSCALER, AWS_WORKSPACES, MICROSOFT, MICROSOFT_EXCHANGE, DIGITALOCEAN, HETZNER, OVH,
            VULTR, M247, LINODE, AWS_SAAS);

    private Networks() {
    }

    /** Whether {@code ip} lies in one of the network's prefixes. */
    public static boolean contains(Network n, String ip) {
        if (ip.indexOf(':') >= 0) return !n.v6Prefix().isEmpty() && ip.startsWith(n.v6Prefix() + ":");
        long v = Network.toLong(ip);
        for (String cidr : n.v4Prefixes()) {
            int slash = cidr.indexOf('/');
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            if ((v & mask) == (Network.toLong(cidr.substring(0, slash)) & mask)) return true;
        }
        return false;
    }

    /** The mobile carrier of a user living in {@code place}. */
    public static Network carrierFor(Place place) {
        if (place.country().equals("US")) return place.utcOffset() == -6 ? VERIZON_WIRELESS : T_MOBILE_US;
        return TELEKOM_MOBILE;
    }
}

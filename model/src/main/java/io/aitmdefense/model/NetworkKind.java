package io.aitmdefense.model;

/** How an ASN is classified by the curated list. */
public enum NetworkKind {
    /** Cloud, VPS and hosting providers: where AiTM proxies and replay hosts run. */
    HOSTING,
    /** SASE, secure web gateway and commercial VPN egress: corporate users look like this too. */
    SASE_VPN,
    /** Microsoft's own infrastructure (AS8075, AS8068): services acting for the user. */
    MICROSOFT,
    /** Mobile carriers: frequent IP changes and CGNAT inside one ASN. */
    MOBILE,
    /** ISPs and everything not on a list. */
    OTHER
}

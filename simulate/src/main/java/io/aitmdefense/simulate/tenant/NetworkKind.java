package io.aitmdefense.simulate.tenant;

/** What kind of network an address belongs to; decides how addresses rotate and how detections should see it. */
public enum NetworkKind {
    /** Home broadband: one address for days, sometimes IPv6 too. */
    RESIDENTIAL,
    /** Mobile carrier behind CGNAT: the address changes between and within sessions, inside one ASN. */
    MOBILE,
    /** Corporate egress through a SASE / secure web gateway that the tenant marks as a trusted named location. */
    SASE,
    /** Virtual desktops in a cloud ASN: benign, yet on a hosting network. */
    VDI,
    /** Microsoft's own front ends (AS8075) seen as the source of some sign-ins. */
    MICROSOFT,
    /** VPS and hosting providers: where AiTM proxies and replay hosts run. */
    HOSTING
}

package io.aitmdefense.simulate.tenant;

/**
 * One simulated member of the tenant with the things their benign traffic is built from: where they live, their home
 * line (an IPv4 address and, on dual-stack lines, an IPv6 /64), their carrier, laptop and phone.
 * {@code startDay} is the day a new joiner starts (0 for everyone else).
 */
public record User(int index, String id, String userPrincipalName, String displayName, Persona persona, boolean admin,
                   Place home, Network homeIsp, String homeV4, String homeV6, Network carrier,
                   ClientDevice laptop, ClientDevice phone, int startDay) {

    public String mailNickname() {
        return userPrincipalName.substring(0, userPrincipalName.indexOf('@'));
    }
}

package io.aitmdefense.bench;

import io.aitmdefense.events.CaResult;
import io.aitmdefense.events.Device;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SampleEvents;
import io.aitmdefense.events.TokenContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.aitmdefense.events.SampleEvents.signIn;

/**
 * A seeded tenant's sign-in log for benchmarks: each user has a home network, a device and a client; they sign in
 * interactively a few times a day and their apps refresh tokens in between, sometimes from a phone on a mobile
 * network or from the company's SASE egress. About one user in two hundred is hit by an AiTM replay or a
 * device-code phish. Events come in time order with the small disorder of a real export.
 */
public final class SignInTraffic {
    private static final String[] AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36 Edg/132.0.0.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
            "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
    };
    private static final String[] OS = {"Windows 10", "Windows 10", "MacOs", "Windows 10"};
    private static final String[] BROWSER = {"Chrome 132.0.0", "Edge 132.0.0", "Safari 17.5", ""};
    private static final int[] HOME_ASNS = {7922, 3320, 2856, 3215, 5089, 6830, 1136, 12322};
    private static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final String EXCHANGE = "00000002-0000-0ff1-ce00-000000000000";
    private static final CaResult REQUIRE_MFA = new CaResult("pol-1", "Require MFA for all users", "success", List.of("Mfa"), List.of());

    private SignInTraffic() {
    }

    /** Exactly {@code count} events for {@code users} users, starting on a Monday. */
    public static List<Event> generate(long seed, int users, int count) {
        Random r = new Random(seed);
        Instant start = Instant.parse("2025-03-03T00:00:00Z");
        List<Event> events = new ArrayList<>(count + 64);
        for (int day = 0; events.size() < count; day++) {
            Instant midnight = start.plus(Duration.ofDays(day));
            for (int u = 0; u < users && events.size() < count; u++) {
                userDay(events, r, u, midnight);
            }
        }
        // a real export is in time order give or take a few minutes
        record Row(Event event, long order) {
        }
        List<Row> rows = new ArrayList<>(count);
        for (Event e : events.subList(0, count)) rows.add(new Row(e, e.time().toEpochMilli() + r.nextInt(300_000)));
        rows.sort(Comparator.comparingLong(Row::order));
        return rows.stream().map(Row::event).toList();
    }

    private static void userDay(List<Event> out, Random r, int u, Instant midnight) {
        String upn = "user" + u + "@contoso.example";
        int client = u % AGENTS.length;
        String homeIp = (60 + u % 150) + "." + (u / 250 % 250) + "." + (u % 250) + ".10";
        int homeAsn = HOME_ASNS[u % HOME_ASNS.length];
        Device device = new Device("dev-" + u, "PC-" + u, OS[client], BROWSER[client], "Hybrid Azure AD joined", true, true);
        String session = "s-" + u + "-" + midnight.getEpochSecond();
        Instant first = midnight.plus(Duration.ofMinutes(6 * 60 + r.nextInt(4 * 60)));
        out.add(signIn().user(upn).at(first).session(session).ip(homeIp).asn(homeAsn).userAgent(AGENTS[client])
                .device(device).geo("London", "GB", 51.5 + r.nextDouble() / 10, -0.12).build());
        int refreshes = 2 + r.nextInt(8);
        for (int i = 0; i < refreshes; i++) {
            Instant at = first.plus(Duration.ofMinutes(20 + r.nextInt(9 * 60)));
            SampleEvents.SignInBuilder b = signIn().user(upn).at(at).session(session).nonInteractive()
                    .resource(EXCHANGE, "Office 365 Exchange Online");
            int where = r.nextInt(20);
            if (where == 0) {
                // the phone on the mobile network, its own session
                b.session("m-" + u).ip("172.56." + (u % 250) + "." + r.nextInt(250)).asn(21928)
                        .userAgent("Outlook-iOS/2.0").unmanagedDevice("Ios", "");
            } else if (where == 1) {
                b.ip("165.225." + (u % 250) + ".7").asn(62044).namedLocation("Company-Zscaler", true)
                        .userAgent(AGENTS[client]).device(device);
            } else {
                b.ip(homeIp).asn(homeAsn).userAgent(AGENTS[client]).device(device);
            }
            out.add(b.build());
        }
        if (r.nextInt(200 * 5) < 5) attack(out, r, u, upn, first.plus(Duration.ofHours(3)));
    }

    private static void attack(List<Event> out, Random r, int u, String upn, Instant at) {
        String session = "attack-" + u + "-" + at.getEpochSecond();
        String attackerIp = "198.51.100." + r.nextInt(250);
        if (r.nextBoolean()) {
            out.add(signIn().user(upn).at(at).session(session).ip("203.0.113." + r.nextInt(250)).asn(14061)
                    .userAgent(AGENTS[0]).unmanagedDevice("Windows 10", "Chrome 132.0.0").build());
            for (int i = 1; i <= 5; i++) {
                SampleEvents.SignInBuilder b = signIn().user(upn).at(at.plus(Duration.ofMinutes(4L * i))).session(session)
                        .ip(attackerIp).asn(24940).userAgent(FIREFOX_LINUX).unmanagedDevice("Linux", "Firefox 128.0")
                        .satisfiedByToken().ca(REQUIRE_MFA);
                out.add(i == 1 ? b.build() : b.nonInteractive().build());
            }
        } else {
            out.add(signIn().user(upn).at(at).deviceCode().session(session).ip(attackerIp).asn(14061)
                    .app("29d9ed98-a469-4536-ade2-f981bc1d605e", "Microsoft Authentication Broker")
                    .userAgent("python-requests/2.31.0").unmanagedDevice("", "")
                    .tokenContext(new TokenContext("none", "AzureAD", "deviceCodeFlow", "deviceCode", "unbound", 1002, false))
                    .build());
        }
    }
}

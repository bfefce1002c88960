package io.aitmdefense.detect.engine;

import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.ClientMismatchDetection;
import io.aitmdefense.detect.detections.DeviceCodePhishDetection;
import io.aitmdefense.detect.detections.HostingIpSignInDetection;
import io.aitmdefense.detect.detections.ImpossibleTravelDetection;
import io.aitmdefense.detect.detections.SessionReplayDetection;
import io.aitmdefense.detect.detections.TokenProtectionFailureDetection;
import io.aitmdefense.detect.detections.TokenWithoutMfaDetection;
import io.aitmdefense.detect.enrich.AsnDatabase;
import io.aitmdefense.detect.enrich.CuratedEnrichment;
import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.TenantContext;
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

/** Seeded tenants for engine tests: ordinary working days with AiTM attacks mixed in. */
final class EngineScenarios {
    static final String CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36";
    static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String OUTLOOK_DESKTOP = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)";
    static final CaResult TOKEN_PROTECTION = new CaResult("pol-tp", "Require token protection for EXO and SPO desktop apps",
            "failure", List.of(), List.of("SignInTokenProtection"));
    static final CaResult REQUIRE_MFA = new CaResult("pol-1", "Require MFA for all users", "success", List.of("Mfa"), List.of());
    static final String EXCHANGE_ID = "00000002-0000-0ff1-ce00-000000000000";
    /** The longest state lifetime among the default detections: device-code-phish keeps 30 days of habit. */
    static final Duration LARGEST_WINDOW = Duration.ofDays(30);

    private EngineScenarios() {
    }

    static List<Detection> allDetections() {
        DetectConfig c = DetectConfig.defaults();
        return List.of(new SessionReplayDetection(c), new HostingIpSignInDetection(c), new ClientMismatchDetection(c),
                new TokenWithoutMfaDetection(c), new TokenProtectionFailureDetection(c), new DeviceCodePhishDetection(c),
                new ImpossibleTravelDetection(c));
    }

    static Enrichment enrichment() {
        return new CuratedEnrichment(TenantContext.EMPTY, AsnDatabase.EMPTY);
    }

    static String user(int i) {
        return "user" + i + "@contoso.example";
    }

    /**
     * {@code users} people over {@code days} days from {@code start}: each signs in at home every working morning
     * and refreshes tokens through the day; every third user is hit by one attack of a kind chosen by the seed.
     * Returned in event-time order.
     */
    static List<Event> tenant(long seed, int users, int days) {
        Random r = new Random(seed);
        Instant start = Instant.parse("2025-03-03T00:00:00Z");
        List<Event> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String upn = user(u);
            for (int d = 0; d < days; d++) {
                workingDay(events, r, upn, u, start.plus(Duration.ofDays(d)));
            }
            if (u % 3 == 0) {
                Instant at = start.plus(Duration.ofDays(1 + r.nextInt(Math.max(1, days - 1))))
                        .plus(Duration.ofMinutes(10 * 60 + r.nextInt(6 * 60)));
                attack(events, upn, u, r.nextInt(4), at);
            }
        }
        events.sort(Comparator.comparing(Event::time));
        return events;
    }

    /** A benign day: MFA sign-in from the managed laptop at home, then a few background refreshes. */
    static void workingDay(List<Event> out, Random r, String upn, int u, Instant day) {
        String session = "s-" + u + "-" + day.getEpochSecond();
        String ip = "81.2." + (u % 250) + "." + (1 + u % 200);
        Device laptop = new Device("dev-" + u, "LAPTOP-" + u, "Windows 10", "Chrome 132.0.0", "Hybrid Azure AD joined", true, true);
        Instant first = day.plus(Duration.ofMinutes(7 * 60 + r.nextInt(120)));
        out.add(signIn().user(upn).at(first).session(session).ip(ip).asn(7922).userAgent(CHROME_WIN).device(laptop)
                .geo("London", "GB", 51.5074, -0.1278).build());
        int refreshes = 1 + r.nextInt(4);
        for (int i = 0; i < refreshes; i++) {
            out.add(signIn().user(upn).at(first.plus(Duration.ofMinutes(30 + r.nextInt(8 * 60)))).session(session)
                    .ip(ip).asn(7922).userAgent(CHROME_WIN).device(laptop).nonInteractive()
                    .resource(EXCHANGE_ID, "Office 365 Exchange Online").build());
        }
    }

    static void attack(List<Event> out, String upn, int u, int kind, Instant at) {
        String session = "attack-" + u;
        switch (kind) {
            case 0 -> {
                // AiTM: the victim's sign-in relayed by a DigitalOcean proxy, the cookie replayed from Hetzner
                out.add(signIn().user(upn).at(at).session(session).ip("203.0.113." + (10 + u % 200)).asn(14061)
                        .userAgent(CHROME_WIN).unmanagedDevice("Windows 10", "Chrome 132.0.0").build());
                for (int i = 1; i <= 4; i++) {
                    SampleEvents.SignInBuilder replay = signIn().user(upn).at(at.plus(Duration.ofMinutes(5L * i + 1)))
                            .session(session).ip("198.51.100." + (20 + u % 200)).asn(24940).userAgent(FIREFOX_LINUX)
                            .unmanagedDevice("Linux", "Firefox 128.0").satisfiedByToken().ca(REQUIRE_MFA);
                    out.add(i == 1 ? replay.build() : replay.nonInteractive().build());
                }
            }
            case 1 -> {
                // device code phishing: the attacker's poller, then mail access with the stolen tokens
                out.add(signIn().user(upn).at(at).deviceCode().session(session).ip("198.51.100." + (20 + u % 200)).asn(3215)
                        .app("29d9ed98-a469-4536-ade2-f981bc1d605e", "Microsoft Authentication Broker")
                        .userAgent("python-requests/2.31.0").unmanagedDevice("", "").build());
                out.add(signIn().user(upn).at(at.plus(Duration.ofMinutes(4))).nonInteractive().session(session)
                        .ip("198.51.100." + (20 + u % 200)).asn(3215)
                        .app("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office")
                        .resource(EXCHANGE_ID, "Office 365 Exchange Online")
                        .userAgent("python-requests/2.31.0").unmanagedDevice("", "").satisfiedByToken().build());
            }
            case 2 -> {
                // the same account from Lagos forty minutes after London
                out.add(signIn().user(upn).at(at).ip("81.2.69.160").asn(7922).geo("London", "GB", 51.5074, -0.1278).build());
                out.add(signIn().user(upn).at(at.plus(Duration.ofMinutes(40))).ip("203.0.113." + (10 + u % 200)).asn(14061)
                        .geo("Lagos", "NG", 6.5244, 3.3792).userAgent(FIREFOX_LINUX).unmanagedDevice("Linux", "Firefox 128.0")
                        .build());
            }
            default -> {
                // a stolen refresh token presented without its device binding
                for (int i = 0; i < 3; i++) {
                    out.add(signIn().user(upn).at(at.plus(Duration.ofMinutes(3L * i))).nonInteractive()
                            .ip("198.51.100." + (20 + u % 200)).asn(3215)
                            .app("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office")
                            .resource(EXCHANGE_ID, "Office 365 Exchange Online")
                            .clientApp("Mobile Apps and Desktop clients").userAgent(OUTLOOK_DESKTOP)
                            .unmanagedDevice("Windows10", "")
                            .tokenContext(new TokenContext("refreshToken", "AzureAD", "none", "oAuth2", "unbound", 1008, false))
                            .ca(TOKEN_PROTECTION).failed(53003, "Access has been blocked by Conditional Access policies")
                            .build());
                }
            }
        }
    }

    /**
     * A long stream in which users come and go: each week {@code usersPerWeek} new people work for that week only.
     * The active set in any window is small; the number of distinct users grows with the stream.
     */
    static List<Event> rotatingUsers(long seed, int weeks, int usersPerWeek) {
        Random r = new Random(seed);
        Instant start = Instant.parse("2025-01-06T00:00:00Z");
        List<Event> events = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            for (int i = 0; i < usersPerWeek; i++) {
                int u = w * usersPerWeek + i;
                for (int d = 0; d < 5; d++) {
                    workingDay(events, r, user(u), u, start.plus(Duration.ofDays(7L * w + d)));
                }
                if (r.nextInt(10) == 0) {
                    attack(events, user(u), u, r.nextInt(4), start.plus(Duration.ofDays(7L * w + 2)).plus(Duration.ofHours(11)));
                }
            }
        }
        events.sort(Comparator.comparing(Event::time));
        return events;
    }

    /** A copy of the signature builder for one-off events. */
    static SampleEvents.SignInBuilder benignSignIn(String upn, Instant at) {
        return signIn().user(upn).at(at).ip("81.2.69.160").asn(7922).userAgent(CHROME_WIN);
    }
}

package io.aitmdefense.simulate.tenant;

import io.aitmdefense.simulate.activity.Ids;
import io.aitmdefense.simulate.tenant.ClientDevice.Platform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/** Builds a tenant of {@code n} users from a seed: personas, homes, lines, carriers and devices. */
public final class TenantFactory {
    private static final String[] FIRST = {"Adele", "Alex", "Allan", "Ana", "Ben", "Carla", "Chen", "Christie", "Daniel",
            "Diego", "Emily", "Enrico", "Fatima", "Grady", "Hanna", "Henrietta", "Isaiah", "Jana", "Johanna", "Jonas",
            "Joni", "Kenji", "Lara", "Lee", "Lidia", "Lynne", "Marta", "Megan", "Miriam", "Nestor", "Noah", "Olga",
            "Patti", "Pradeep", "Priya", "Raul", "Sakura", "Sofia", "Tomas", "Yusuf", "Zoe", "Lukas", "Amelie", "Omar"};
    private static final String[] LAST = {"Vance", "Wilber", "Deyoung", "Silva", "Okafor", "Rossi", "Wei", "Cline",
            "Schmidt", "Garcia", "Braun", "Bianchi", "Haddad", "Archie", "Lindqvist", "Cerrano", "Jackson", "Novak",
            "Weber", "Keller", "Sherman", "Tanaka", "Moreau", "Gu", "Holloway", "Robbins", "Kowalski", "Bowen",
            "Cohen", "Kelley", "Fischer", "Petrova", "Fernandez", "Gupta", "Sharma", "Ortega", "Ito", "Costa",
            "Novotny", "Yilmaz", "Martin", "Becker", "Laurent", "Nasser"};
    private static final Place[] US_HOMES = {Place.NEW_YORK, Place.CHICAGO, Place.SEATTLE};
    private static final Place[] EU_HOMES = {Place.FRANKFURT, Place.LONDON, Place.PARIS, Place.BERLIN};

    private TenantFactory() {
    }

    public static Tenant create(long seed, int userCount, int days, String domain) {
        SplittableRandom rng = Ids.stream(seed, 1, 0, 0);
        String tenantId = Ids.guid(rng);
        String workspace = Ids.guid(rng);
        String server = "EURPR0" + (1 + rng.nextInt(9)) + "A0" + (10 + rng.nextInt(80)) + ".PROD.OUTLOOK.COM";
        List<Persona> personas = personas(userCount, rng);
        List<User> users = new ArrayList<>(userCount);
        Set<String> upns = new HashSet<>();
        for (int i = 0; i < userCount; i++) {
            SplittableRandom u = Ids.stream(seed, 2, i, 0);
            Persona persona = personas.get(i);
            String first = FIRST[u.nextInt(FIRST.length)], last = LAST[u.nextInt(LAST.length)];
            String base = (first + "." + last).toLowerCase(Locale.ROOT);
            String nick = base;
            for (int k = 2; !upns.add(nick); k++) nick = base + k;
            boolean us = u.nextInt(100) < 55;
            Place home = us ? US_HOMES[u.nextInt(US_HOMES.length)] : EU_HOMES[u.nextInt(EU_HOMES.length)];
            Network isp = homeIsp(home, u);
            String v4 = isp.randomV4(u);
            String v6 = isp.dualStack() ? isp.randomV6(u) : "";
            ClientDevice laptop = laptop(persona, first, u);
            ClientDevice phone = phone(u);
            int startDay = persona == Persona.NEW_JOINER ? u.nextInt(Math.max(1, days)) : 0;
            users.add(new User(i, Ids.guid(u), nick + "@" + domain, first + " " + last, persona, persona == Persona.ADMIN,
                    home, isp, v4, v6, Networks.carrierFor(home), laptop, phone, startDay));
        }
        return new Tenant(tenantId, workspace, domain, server, List.copyOf(users), CaPolicies.standard(),
                new NamedLocation("Company-Zscaler Trusted Proxy IPs", Networks.ZSCALER.v4Prefixes().get(0), true),
                new NamedLocation("AWS WorkSpaces VDI egress", Networks.AWS_WORKSPACES.v4Prefixes().get(0), false));
    }

    /** A fixed mix with at least one of each persona, shuffled by the seed. */
    private static List<Persona> personas(int n, SplittableRandom rng) {
        List<Persona> out = new ArrayList<>(n);
        int[] weights = {45, 15, 8, 3, 5, 12, 12}; // in Persona order
        for (Persona p : Persona.values()) if (out.size() < n) out.add(p);
        while (out.size() < n) {
            int r = rng.nextInt(100), acc = 0;
            for (Persona p : Persona.values()) {
                acc += weights[p.ordinal()];
                if (r < acc) {
                    out.add(p);
                    break;
                }
            }
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Persona t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static Network homeIsp(Place home, SplittableRandom u) {
        return switch (home.country()) {
            case "US" -> Networks.RESIDENTIAL_US.get(u.nextInt(100) < 70 ? 0 : 1);
            case "GB" -> Networks.BT;
            case "FR" -> Networks.ORANGE;
            default -> u.nextBoolean() ? Networks.DEUTSCHE_TELEKOM : Networks.VODAFONE_DE;
        };
    }

    private static ClientDevice laptop(Persona persona, String first, SplittableRandom u) {
        boolean mac = persona != Persona.ADMIN && persona != Persona.VDI_USER && u.nextInt(100) < 12;
        if (mac) {
            return new ClientDevice(Ids.guid(u), first + "s-MacBook-Pro", "MacOs", "Safari 18.1",
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                    "Azure AD registered", true, true, Platform.MACOS);
        }
        boolean chrome = u.nextInt(100) < 35;
        String os = u.nextInt(100) < 60 ? "Windows 10" : "Windows 11";
        String ua = chrome
                ? "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
                : "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        return new ClientDevice(Ids.guid(u), "CONTOSO-" + Ids.upper(u, 7), os, chrome ? "Chrome 131.0.0" : "Edge 131.0.0",
                ua, "Hybrid Azure AD joined", true, true, Platform.WINDOWS);
    }

    private static ClientDevice phone(SplittableRandom u) {
        if (u.nextInt(100) < 62) {
            return new ClientDevice(Ids.guid(u), "iPhone", "Ios 18.1.1", "Mobile Safari",
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1.1 Mobile/15E148 Safari/604.1",
                    "Azure AD registered", false, false, Platform.IOS);
        }
        return new ClientDevice(Ids.guid(u), "SM-S921B", "Android 14", "Chrome Mobile 131.0.6778",
                "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
                "Azure AD registered", false, false, Platform.ANDROID);
    }
}

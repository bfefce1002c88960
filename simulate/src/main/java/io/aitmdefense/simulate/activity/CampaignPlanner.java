package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.tenant.ClientDevice;
import io.aitmdefense.simulate.tenant.Network;
import io.aitmdefense.simulate.tenant.Networks;
import io.aitmdefense.simulate.tenant.Persona;
import io.aitmdefense.simulate.tenant.Tenant;
import io.aitmdefense.simulate.tenant.User;
import io.aitmdefense.simulate.truth.Stage;
import io.aitmdefense.simulate.truth.Technique;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides the campaigns: the first is a multi-victim Evilginx campaign from shared infrastructure, the others rotate
 * through the techniques; an admin is targeted when there is one, so CA tampering occurs. Each victim gets a random
 * subset and order of persistence and impact steps with at least one persistence step.
 */
final class CampaignPlanner {
    private static final List<Stage> POST_COMPROMISE = List.of(Stage.INBOX_RULE, Stage.MAILBOX_FORWARDING, Stage.OAUTH_CONSENT,
            Stage.MFA_REGISTRATION, Stage.DEVICE_REGISTRATION, Stage.MAIL_ACCESS, Stage.BEC_SEND);
    private static final String[][] CONSENT_APPS = {{"Mail Backup Pro"}, {"PDF Viewer Online"}, {"eFax Document Portal"},
            {"Secure Doc Share"}};
    private static final String[][] CLIENTS = {
            {"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Linux", "Firefox 133.0"},
            {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", "MacOs", "Chrome 130.0.0"},
            {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36", "Linux", "Chrome 129.0.0"}};

    private CampaignPlanner() {
    }

    static List<CampaignPlan> plan(Tenant tenant, long seed, Instant start, int days, int campaigns) {
        SplittableRandom rng = Ids.stream(seed, 5, 0, 0);
        List<Integer> weekdays = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            DayOfWeek dow = start.plusSeconds(86_400L * d).atOffset(ZoneOffset.UTC).getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) weekdays.add(d);
        }
        if (weekdays.isEmpty()) weekdays.add(0);
        Set<Integer> used = new HashSet<>();
        List<CampaignPlan> plans = new ArrayList<>();
        for (int i = 0; i < campaigns; i++) {
            Technique technique = i == 0 ? Technique.EVILGINX_COOKIE_REPLAY : Technique.values()[i % Technique.values().length];
            int day = weekdays.get(rng.nextInt(weekdays.size()));
            day = NewTechniqueDays.day(technique, day, weekdays, days, rng);
            int wanted = i == 0 ? 3 + rng.nextInt(2) : rng.nextInt(100) < 20 ? 2 : 1;
            List<User> victims = victims(tenant, used, day, wanted, technique, i == 1, rng);
            if (victims.isEmpty()) break;
            AttackerKit kit = kit(technique, rng);
            List<CampaignPlan.Victim> planned = new ArrayList<>();
            double hour = 9 + rng.nextDouble() * 4;
            for (User v : victims) {
                planned.add(new CampaignPlan.Victim(v, hour, steps(v, rng)));
                hour += 0.3 + rng.nextDouble() * 1.2;
            }
            plans.add(new CampaignPlan(String.format("campaign-%02d", i + 1), technique, day, kit, planned));
        }
        return plans;
    }

    private static List<User> victims(Tenant tenant, Set<Integer> used, int day, int wanted, Technique technique,
                                      boolean preferAdmin, SplittableRandom rng) {
        List<User> pool = new ArrayList<>();
        for (User u : tenant.users()) {
            if (used.contains(u.index()) || u.startDay() > day) continue;
            // a stolen endpoint refresh token needs the laptop session every non-sales persona has on a weekday
            if ((technique == Technique.REFRESH_TOKEN_THEFT || technique == Technique.FAMILY_REFRESH_PIVOT)
                    && u.persona() == Persona.MOBILE_SALES) continue;
            if (u.persona() == Persona.NEW_JOINER) continue;
            pool.add(u);
        }
        List<User> out = new ArrayList<>();
        if (preferAdmin) {
            for (User u : pool) {
                if (u.admin()) {
                    out.add(u);
                    break;
                }
            }
        }
        while (out.size() < wanted && out.size() < pool.size()) {
            User u = pool.get(rng.nextInt(pool.size()));
            if (!out.contains(u)) out.add(u);
        }
        for (User u : out) used.add(u.index());
        return out;
    }

    private static List<Stage> steps(User v, SplittableRandom rng) {
        List<Stage> all = new ArrayList<>(POST_COMPROMISE);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Stage t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        List<Stage> chosen = new ArrayList<>(all.subList(0, 2 + rng.nextInt(4)));
        if (chosen.stream().noneMatch(Stage::persistence)) chosen.set(0, Stage.INBOX_RULE);
        if (v.admin()) chosen.add(rng.nextInt(chosen.size() + 1), Stage.CA_TAMPERING);
        return List.copyOf(chosen);
    }

    private static AttackerKit kit(Technique technique, SplittableRandom rng) {
        List<Network> hosting = Networks.HOSTING;
        Network proxyNet = hosting.get(rng.nextInt(hosting.size()));
        Network replayNet = rng.nextInt(100) < 60 ? hosting.get(rng.nextInt(hosting.size())) : proxyNet;
        List<Egress> proxies = List.of(egress(proxyNet, rng), egress(proxyNet, rng));
        List<Egress> replays = rng.nextBoolean() ? List.of(egress(replayNet, rng)) : List.of(egress(replayNet, rng), egress(replayNet, rng));
        String[] client = CLIENTS[rng.nextInt(CLIENTS.length)];
        String kitUa = switch (technique) {
            case TYCOON_KIT -> rng.nextBoolean() ? "axios/1.7.9" : "node";
            case DEVICE_CODE_PHISH -> "python-requests/2.32.3";
            case REFRESH_TOKEN_THEFT, FAMILY_REFRESH_PIVOT, AUTH_CODE_PHISH -> rng.nextBoolean() ? "python-requests/2.31.0" : client[0];
            case EVILGINX_COOKIE_REPLAY, RESIDENTIAL_PROXY_REPLAY, PAUSED_PERSISTENCE -> client[0];
        };
        String ua = kitUa.startsWith("Mozilla") ? kitUa : client[0];
        ClientDevice device = new ClientDevice("", "", client[1], client[2], ua, "", false, false,
                client[1].equals("Linux") ? ClientDevice.Platform.LINUX : ClientDevice.Platform.MACOS);
        String drop = "inv." + Ids.upper(rng, 6).toLowerCase(java.util.Locale.ROOT) + (rng.nextBoolean() ? "@proton.me" : "@gmx.com");
        String[] app = CONSENT_APPS[rng.nextInt(CONSENT_APPS.length)];
        return new AttackerKit(proxies, replays, device, kitUa, drop, app[0], Ids.guid(rng));
    }

    private static Egress egress(Network n, SplittableRandom rng) {
        return new Egress(n.randomV4(rng), n, n.place(), List.of());
    }
}

package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.log.SignInRecord.Auth;
import io.aitmdefense.simulate.log.SignInRecord.SignInRisk;
import io.aitmdefense.simulate.tenant.App;
import io.aitmdefense.simulate.tenant.ClientDevice;
import io.aitmdefense.simulate.tenant.Network;
import io.aitmdefense.simulate.tenant.Networks;
import io.aitmdefense.simulate.tenant.User;
import io.aitmdefense.simulate.truth.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The initial access and replay of the newer techniques (2025–2026 public reporting): replay through a residential
 * proxy with the victim's own browser string, a stolen family-of-client-ids refresh token pivoting across resources,
 * and authorization-code phishing of a first-party developer client. Each returns the attacker's session, the token
 * the later steps ride on and where the attacker now works from; {@link AttackRun} plays the steps after it.
 */
final class TradecraftRun {
    static final App VS_CODE = new App("aebc6443-996d-45c2-90f0-388ff96faa56", "Visual Studio Code",
            "00000003-0000-0000-c000-000000000000", "Microsoft Graph", "Mobile Apps and Desktop clients");
    static final App OFFICE_TO_GRAPH = new App("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office",
            "00000003-0000-0000-c000-000000000000", "Microsoft Graph", "Mobile Apps and Desktop clients");
    static final App TEAMS_TO_EXCHANGE = new App("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams",
            "00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online", "Mobile Apps and Desktop clients");
    static final App AZURE_CLI_TO_ARM = new App("04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Microsoft Azure CLI",
            "797f4846-ba00-4fd7-ba43-dac1f8f63013", "Windows Azure Service Management API", "Mobile Apps and Desktop clients");
    static final App AZURE_CLI_TO_KEY_VAULT = new App("04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Microsoft Azure CLI",
            "cfa8b339-82a2-471a-a3c9-0fc0be7a4093", "Azure Key Vault", "Mobile Apps and Desktop clients");

    /** Emits one record of the victim's attack under a stage. */
    @FunctionalInterface
    interface Emit {
        void emit(Stage stage, LogRecord record);
    }

    /** What the later steps ride on: the attacker's session, the token they use, where they work from, and when. */
    record Foothold(Session session, SignInRecord token, Egress host, Instant time) {
    }

    private TradecraftRun() {
    }

    /**
     * The victim signs in through the kit's proxy (MFA done, the proxy's address, the victim's browser); the cookie is
     * replayed minutes later from a residential line in the victim's region the victim never used, with the victim's
     * own browser string; the proxy keeps relaying the victim's browsing on the session for a while after.
     */
    static Foothold residentialProxy(Emit out, User user, SplittableRandom rng, Instant t, AttackerKit kit) {
        Egress proxy = kit.proxies().get(rng.nextInt(kit.proxies().size()));
        ClientDevice victimBrowser = unregistered(user.laptop());
        Session session = new Session(Ids.guid(rng), victimBrowser, user.laptop().userAgent());
        out.emit(Stage.PHISH, SignIns.of(rng, t, true, user, session, proxy,
                Grant.interactive(App.OFFICE_HOME, Auth.PASSWORD_AND_PUSH, "none", false), SignInRisk.NONE));
        Network exit = residentialExit(user, rng);
        Egress host = new Egress(exit.randomV4(rng), exit, exit.place(), List.of());
        Instant replay = Clock.plusMinutes(t, 3 + rng.nextInt(25), rng);
        SignInRecord token = SignIns.of(rng, replay, true, user, session, host,
                Grant.interactive(App.OWA, Auth.REPLAYED_COOKIE, "none", false), SignInRisk.NONE);
        out.emit(Stage.REPLAY, token);
        // the victim, still on the phishing page, keeps the session busy through the proxy
        Instant relayed = Clock.plusMinutes(replay, 2 + rng.nextInt(12), rng);
        out.emit(Stage.PHISH, SignIns.of(rng, relayed, true, user, session, proxy,
                Grant.interactive(App.SHELL, Auth.REPLAYED_COOKIE, "none", false), SignInRisk.NONE));
        return new Foothold(session, token, host, replay);
    }

    /**
     * An infostealer took the laptop session's refresh token of a family client; within minutes the attacker trades
     * it, non-interactively and from their own host, for Graph, Exchange, Azure Resource Manager and Key Vault tokens.
     */
    static Foothold familyRefreshPivot(Emit out, User user, SplittableRandom rng, BenignDay.LaptopDay laptop, AttackerKit kit,
                                       Egress host) {
        Instant stolen = BenignDay.between(laptop.from(), laptop.from().plusSeconds(3 * 3600), rng);
        Session session = new Session(laptop.session().id(), kit.device(), kit.kitUserAgent());
        Instant t = Clock.plusMinutes(stolen, 20 + rng.nextInt(120), rng);
        SignInRecord first = null;
        List<App> pivot = new ArrayList<>(List.of(OFFICE_TO_GRAPH, TEAMS_TO_EXCHANGE, AZURE_CLI_TO_ARM, AZURE_CLI_TO_KEY_VAULT));
        for (App app : pivot) {
            SignInRecord r = SignIns.of(rng, t, false, user, session, host, Grant.refresh(app, "refreshToken", false), SignInRisk.NONE);
            out.emit(Stage.REPLAY, r);
            if (first == null) first = r;
            t = Clock.plusMinutes(t, 0.5 + rng.nextDouble() * 3, rng);
        }
        return new Foothold(session, first, host, t);
    }

    /**
     * The victim is lured to a genuine Microsoft sign-in for Visual Studio Code and signs in from home with their own
     * MFA; the attacker redeems the pasted authorization code from their own host minutes later.
     */
    static Foothold authorizationCode(Emit out, User user, SplittableRandom rng, Instant t, AttackerKit kit, Egress host) {
        Egress home = new Egress(user.homeV4(), user.homeIsp(), user.home(), List.of());
        Session session = new Session(Ids.guid(rng), unregistered(user.laptop()), user.laptop().userAgent());
        out.emit(Stage.PHISH, SignIns.of(rng, t, true, user, session, home,
                Grant.interactive(VS_CODE, Auth.PASSWORD_AND_PUSH, "none", false), SignInRisk.NONE));
        Instant redeem = Clock.plusMinutes(t, 2 + rng.nextInt(20), rng);
        Session attacker = new Session(session.id(), kit.device(), kit.kitUserAgent());
        SignInRecord token = SignIns.of(rng, redeem, false, user, attacker, host,
                Grant.refresh(VS_CODE, "none", false), SignInRisk.NONE);
        out.emit(Stage.REPLAY, token);
        return new Foothold(attacker, token, host, redeem);
    }

    /** The operator comes back a day or two later (within the simulated period when there is room), from the same host. */
    static Instant pause(Instant t, Instant periodEnd, SplittableRandom rng) {
        Instant back = Clock.plusMinutes(t, (1 + rng.nextInt(2)) * 1440 + rng.nextInt(240), rng);
        if (back.isBefore(periodEnd.minusSeconds(3 * 3600))) return back;
        Instant later = Clock.plusMinutes(t, 120 + rng.nextInt(120), rng); // no room: hours, still past the first hour
        return later;
    }

    /** A residential line in the victim's region that is neither the victim's home ISP nor their carrier. */
    private static Network residentialExit(User user, SplittableRandom rng) {
        List<Network> region = user.home().country().equals("US") ? Networks.RESIDENTIAL_US : Networks.RESIDENTIAL_EU;
        List<Network> others = new ArrayList<>();
        for (Network n : region) if (n.asn() != user.homeIsp().asn() && n.asn() != user.carrier().asn()) others.add(n);
        return others.get(rng.nextInt(others.size()));
    }

    private static ClientDevice unregistered(ClientDevice d) {
        return new ClientDevice("", "", d.os(), d.browser(), d.userAgent(), "", false, false, d.platform());
    }
}

package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.log.NameValue;
import io.aitmdefense.simulate.log.RiskRecord;
import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.log.SignInRecord.Auth;
import io.aitmdefense.simulate.log.SignInRecord.SignInRisk;
import io.aitmdefense.simulate.tenant.App;
import io.aitmdefense.simulate.tenant.CaPolicy;
import io.aitmdefense.simulate.tenant.ClientDevice;
import io.aitmdefense.simulate.tenant.Network;
import io.aitmdefense.simulate.tenant.Networks;
import io.aitmdefense.simulate.tenant.Persona;
import io.aitmdefense.simulate.tenant.Place;
import io.aitmdefense.simulate.tenant.Tenant;
import io.aitmdefense.simulate.tenant.User;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One user's benign day: a laptop session (interactive sign-ins, hourly token refreshes from several apps, mail
 * activity) and a phone session (refreshes over CGNAT and home Wi-Fi), plus what the user's persona does — the hard
 * cases of {@link HardCases}. All times are at or after the start of the day, so the writer can emit a day at a time.
 */
final class BenignDay {
    private static final String[] SUBJECTS = {"Re: Q3 planning", "Weekly status", "Invoice 4471 approved", "Lunch Thursday?",
            "Re: Contract draft v3", "Customer escalation follow-up", "Slides for Monday", "FW: Travel itinerary",
            "Re: Budget review", "Meeting notes"};
    private static final String[][] CONSENT_APPS = {
            {"Zoom for Outlook", "offline_access Calendars.ReadWrite User.Read openid profile email"},
            {"Grammarly", "offline_access Mail.Read User.Read openid profile"},
            {"Calendly", "offline_access Calendars.ReadWrite User.Read openid profile email"},
            {"Boomerang for Outlook", "offline_access Mail.ReadWrite Mail.Send User.Read"}};

    private final Tenant tenant;
    private final long seed;
    private final Instant start;
    private final MailboxOps mail;
    private final HardCases hard;

    BenignDay(Tenant tenant, long seed, Instant start, HardCases hard) {
        this.tenant = tenant;
        this.seed = seed;
        this.start = start;
        this.mail = new MailboxOps(tenant);
        this.hard = hard;
    }

    /** The laptop session of a user on a day, kept so an attack can steal its refresh token. */
    record LaptopDay(Session session, Egress egress, Instant from, Instant to) {
    }

    /** Emits the user's day; the laptop session when the user worked on the laptop that day. */
    Optional<LaptopDay> generate(User u, int day, RecordSink sink) {
        SplittableRandom rng = Ids.stream(seed, 3, u.index(), day);
        if (u.persona() == Persona.NEW_JOINER && day < u.startDay()) return Optional.empty();
        Instant dayStart = start.plusSeconds(86_400L * day);
        DayOfWeek dow = dayStart.atOffset(ZoneOffset.UTC).getDayOfWeek();
        boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
        Place place = place(u, day);
        if (place != u.home() && (day == 0 || place(u, day - 1) == u.home())) hard.add(HardCases.TRAVEL_COUNTRY_CHANGES);
        if (weekend) {
            if (rng.nextInt(100) < 30) phone(u, dayStart, place, 10, 13, rng, sink);
            if (rng.nextInt(100) < 8) systemSetMailbox(u, dayStart, place, rng, sink);
            return Optional.empty();
        }
        Optional<LaptopDay> laptop = Optional.empty();
        boolean laptopDay = u.persona() != Persona.MOBILE_SALES || rng.nextInt(100) < 30;
        if (laptopDay) laptop = Optional.of(laptop(u, day, dayStart, place, rng, sink));
        if (u.persona() != Persona.VDI_USER || rng.nextBoolean()) {
            double from = u.persona() == Persona.MOBILE_SALES ? 6.5 : 7, to = u.persona() == Persona.MOBILE_SALES ? 22 : 21;
            phone(u, dayStart, place, from, to, rng, sink);
        }
        if (rng.nextInt(100) < 5) systemSetMailbox(u, dayStart, place, rng, sink);
        return laptop;
    }

    /** Travellers spend days 2–3 of each week abroad: US homes in London, European homes in New York. */
    static Place place(User u, int day) {
        if (u.persona() != Persona.TRAVELLER) return u.home();
        int d = day % 7;
        if (d != 2 && d != 3) return u.home();
        return u.home().country().equals("US") ? Place.LONDON : Place.NEW_YORK;
    }

    // ------------------------------------------------------------------ laptop

    private LaptopDay laptop(User u, int day, Instant dayStart, Place place, SplittableRandom rng, RecordSink sink) {
        ClientDevice laptop = u.laptop();
        Instant from = Clock.local(dayStart, clamp(8 + rng.nextGaussian() * 0.6, 6.5, 10), place.utcOffset(), rng);
        Instant to = Clock.local(dayStart, clamp(17.5 + rng.nextGaussian() * 0.8, 15.5, 20), place.utcOffset(), rng);
        Line line = laptopLine(u, place, rng, from, to);
        Session session = new Session(Ids.guid(rng), laptop, laptop.userAgent());
        boolean windowsManaged = laptop.platform() == ClientDevice.Platform.WINDOWS && laptop.managed();
        boolean firstDay = u.persona() == Persona.NEW_JOINER && day == u.startDay();

        // morning: the root interactive sign-in of the session
        Instant t = from;
        SignInRisk risk = SignInRisk.NONE;
        boolean falsePositive = (place != u.home() && rng.nextInt(100) < 60) || firstDay && rng.nextInt(100) < 40
                || rng.nextInt(1000) < 8;
        if (falsePositive) {
            boolean dismissed = rng.nextBoolean();
            risk = new SignInRisk("low", dismissed ? "dismissed" : "atRisk", dismissed ? "aiConfirmedSigninSafe" : "none",
                    List.of("unfamiliarFeatures"));
        }
        SignInRecord root;
        if (firstDay || rng.nextInt(100) < 8) {
            Egress e = line.at(t);
            sink.add(SignIns.of(rng, t, true, u, session, e, Grant.interactive(App.OFFICE_HOME, Auth.KMSI_INTERRUPT, "none", false),
                    SignInRisk.NONE));
            hard.add(HardCases.KMSI_INTERRUPTS);
            t = Clock.plusMinutes(t, 0.3, rng);
            root = SignIns.of(rng, t, true, u, session, line.at(t),
                    Grant.interactive(App.OFFICE_HOME, Auth.PASSWORD_AND_PUSH, "none", false), risk);
        } else {
            root = SignIns.of(rng, t, true, u, session, line.at(t),
                    Grant.interactive(App.OFFICE_HOME, Auth.PRT_WITH_MFA_CLAIM, "primaryRefreshToken", false), risk);
            hard.add(HardCases.TOKEN_SATISFIED_MFA);
        }
        sink.add(root);
        if (falsePositive) falsePositiveRisk(root, rng, sink);
        if (firstDay) onboarding(u, root, rng, sink);

        // more browser sign-ins during the day, riding the same session
        int extra = 1 + rng.nextInt(3) + (u.admin() ? 2 : 0);
        App[] browserApps = {App.OWA, App.SHELL, App.MY_SIGNINS, App.OFFICE_HOME};
        for (int i = 0; i < extra; i++) {
            Instant at = between(from, to, rng);
            App app = u.admin() && i < 2 ? App.AZURE_PORTAL : browserApps[rng.nextInt(browserApps.length)];
            sink.add(SignIns.of(rng, at, true, u, session, line.at(at),
                    Grant.interactive(app, Auth.PRT_WITH_MFA_CLAIM, "primaryRefreshToken", false), SignInRisk.NONE));
            hard.add(HardCases.TOKEN_SATISFIED_MFA);
        }

        // background refreshes: Teams and Outlook hourly, OneDrive every two hours, the Intune agent once
        String incoming = windowsManaged ? "primaryRefreshToken" : "refreshToken";
        List<SignInRecord> outlook = new ArrayList<>();
        refreshes(u, session, line, App.TEAMS, from, to, 60, incoming, windowsManaged, rng, sink, null);
        refreshes(u, session, line, App.OFFICE, from, to, 60, incoming, windowsManaged, rng, sink, outlook);
        refreshes(u, session, line, App.ONEDRIVE, from, to, 120, incoming, windowsManaged, rng, sink, null);
        if (laptop.platform() == ClientDevice.Platform.WINDOWS) {
            Instant at = Clock.plusMinutes(from, 4 + rng.nextInt(10), rng);
            sink.add(SignIns.of(rng, at, false, u, session, line.at(at), Grant.refresh(App.INTUNE_AGENT, incoming, windowsManaged),
                    SignInRisk.NONE));
        }

        // mail: Outlook desktop syncs, reads and sends with the Outlook refresh tokens of this session
        int reads = 2 + rng.nextInt(3);
        for (int i = 0; i < reads && !outlook.isEmpty(); i++) {
            SignInRecord token = outlook.get(rng.nextInt(outlook.size()));
            Instant at = Clock.plusMinutes(token.time(), 1 + rng.nextInt(50), rng);
            sink.add(mail.mailItemsAccessed(rng, u, at, access(token, "Client=MSExchangeRPC"), rng.nextBoolean() ? "Sync" : "Bind",
                    1 + rng.nextInt(8)));
        }
        int sends = 1 + rng.nextInt(5);
        for (int i = 0; i < sends && !outlook.isEmpty(); i++) {
            SignInRecord token = outlook.get(rng.nextInt(outlook.size()));
            Instant at = Clock.plusMinutes(token.time(), 1 + rng.nextInt(50), rng);
            sink.add(mail.send(rng, u, at, access(token, "Client=MSExchangeRPC"), SUBJECTS[rng.nextInt(SUBJECTS.length)]));
        }

        personaExtras(u, day, root, line, from, to, rng, sink, outlook);
        hardNegatives(u, day, session, line, from, to, rng, sink);
        return new LaptopDay(session, new Egress(root.ip(), root.network(), root.place(), root.namedLocations()), from, to);
    }

    /**
     * The benign traffic that looks most like the precision cases of the detections: a developer handing the browser's
     * session to Azure CLI in WSL on the same line, and a consented CRM integration refreshing the user's token from AWS
     * every working day. Drawn from their own random stream, so the rest of the tenant is the same with or without them.
     */
    private void hardNegatives(User u, int day, Session session, Line line, Instant from, Instant to, SplittableRandom dayRng,
                               RecordSink sink) {
        SplittableRandom rng = Ids.stream(seed, 12, u.index(), day);
        if ((u.admin() || u.index() % 9 == 4) && rng.nextInt(100) < 50) {
            ClientDevice wsl = new ClientDevice("", "", "Linux", "", "python-requests/2.32.3", "", false, false,
                    ClientDevice.Platform.LINUX);
            Session cli = new Session(session.id(), wsl, wsl.userAgent());
            Instant t = between(from, to, rng);
            sink.add(SignIns.of(rng, t, true, u, cli, line.at(t),
                    Grant.interactive(App.AZURE_CLI, Auth.PRT_WITH_MFA_CLAIM, "none", false), SignInRisk.NONE));
            for (int i = 1; i <= 2; i++) {
                Instant r = Clock.plusMinutes(t, 45 * i, rng);
                sink.add(SignIns.of(rng, r, false, u, cli, line.at(r), Grant.refresh(App.AZURE_CLI, "refreshToken", false),
                        SignInRisk.NONE));
            }
            hard.add(HardCases.CLI_HAND_OFFS);
        }
        if (u.persona() == Persona.RULE_MAKER || u.index() % 11 == 3) {
            // the integration's own session and client: it never runs on the user's devices
            Session app = new Session(Ids.guid(Ids.stream(seed, 13, u.index(), 0)),
                    new ClientDevice("", "", "", "", "", "", false, false, ClientDevice.Platform.LINUX), "");
            Instant t = Clock.plusMinutes(from, -120 - rng.nextInt(180), rng);
            Egress cloud = new Egress(Networks.AWS_SAAS.randomV4(rng), Networks.AWS_SAAS, Networks.AWS_SAAS.place(), List.of());
            sink.add(SignIns.of(rng, t, false, u, app, cloud, Grant.refresh(App.CRM_CONNECTOR, "refreshToken", false),
                    SignInRisk.NONE));
            hard.add(HardCases.THIRD_PARTY_APP_REFRESHES);
        }
    }

    private void refreshes(User u, Session session, Line line, App app, Instant from, Instant to, int everyMinutes,
                           String incoming, boolean bound, SplittableRandom rng, RecordSink sink, List<SignInRecord> keep) {
        Instant t = Clock.plusMinutes(from, 1 + rng.nextInt(12), rng);
        while (t.isBefore(to)) {
            Egress e = line.at(t);
            if (rng.nextInt(100) < 3) {
                // the refresh is logged with the Microsoft front end's address, not the user's (log-schemas §12)
                e = new Egress(Networks.MICROSOFT.randomV4(rng), Networks.MICROSOFT, e.place(), List.of());
                hard.add(HardCases.MICROSOFT_INFRA_SIGN_INS);
            }
            SignInRecord r = SignIns.of(rng, t, false, u, session, e, Grant.refresh(app, incoming, bound), SignInRisk.NONE);
            sink.add(r);
            if (keep != null) keep.add(r);
            t = Clock.plusMinutes(t, everyMinutes + rng.nextGaussian() * 6, rng);
        }
    }

    /**
     * Where the laptop's traffic leaves: Zscaler on office days (several egress addresses, trusted named location), the
     * home line otherwise (dual-stack lines alternate IPv4 and IPv6; some days the IPv4 lease changes mid-session), the
     * VDI pool in a cloud ASN, or a hotel line when travelling.
     */
    private Line laptopLine(User u, Place place, SplittableRandom rng, Instant from, Instant to) {
        if (u.persona() == Persona.VDI_USER) {
            List<Egress> pool = pool(Networks.AWS_WORKSPACES, Networks.AWS_WORKSPACES.place(), 2, rng);
            return t -> {
                hard.add(HardCases.VDI_HOSTING_SIGN_INS);
                return pool.get(rng.nextInt(pool.size()));
            };
        }
        if (place != u.home()) {
            Network hotel = place == Place.LONDON ? Networks.BT : Networks.COMCAST;
            Egress e = new Egress(hotel.randomV4(rng), hotel, place, List.of());
            return t -> e;
        }
        boolean officeDay = u.persona() != Persona.MOBILE_SALES && rng.nextInt(100) < 60;
        if (!officeDay && u.laptop().compliant() && u.index() % 13 == 5) {
            // a personal VPN at a VPS provider in front of the company's compliant laptop: never an AiTM proxy
            Egress vpn = new Egress(Networks.M247.randomV4(rng), Networks.M247, u.home(), List.of());
            return t -> {
                hard.add(HardCases.MANAGED_DEVICE_HOSTED_VPN);
                return vpn;
            };
        }
        if (officeDay) {
            List<Egress> pool = pool(Networks.ZSCALER, u.home(), 3, rng);
            return t -> {
                hard.add(HardCases.SASE_TRUSTED_SIGN_INS);
                return pool.get(rng.nextInt(pool.size()));
            };
        }
        Network isp = u.homeIsp();
        Egress v4 = new Egress(u.homeV4(), isp, u.home(), List.of());
        boolean renew = rng.nextInt(100) < 8;
        Egress renewed = new Egress(isp.randomV4(rng), isp, u.home(), List.of());
        Instant renewAt = between(from, to, rng);
        if (renew) hard.add(HardCases.HOME_IP_CHANGES);
        if (!isp.dualStack()) return t -> renew && t.isAfter(renewAt) ? renewed : v4;
        hard.add(HardCases.DUAL_STACK_SESSIONS);
        Egress v6 = new Egress(Network.rotateV6(u.homeV6(), rng), isp, u.home(), List.of());
        return t -> rng.nextBoolean() ? v6 : renew && t.isAfter(renewAt) ? renewed : v4;
    }

    private List<Egress> pool(Network n, Place place, int size, SplittableRandom rng) {
        List<Egress> pool = new ArrayList<>(size);
        for (int i = 0; i < size; i++) pool.add(new Egress(n.randomV4(rng), n, place, tenant.namedLocations(n)));
        return pool;
    }

    // ------------------------------------------------------------------ phone

    private void phone(User u, Instant dayStart, Place place, double fromHour, double toHour, SplittableRandom rng, RecordSink sink) {
        ClientDevice phone = u.phone();
        String ua = phone.platform() == ClientDevice.Platform.IOS ? "Outlook-iOS/2.0" : "Outlook-Android/2.0";
        Session session = new Session(Ids.guid(rng), phone, ua);
        Network carrier = u.carrier();
        Network isp = u.homeIsp();
        Egress current = null;
        boolean sales = u.persona() == Persona.MOBILE_SALES;
        int step = sales ? 60 : 120;
        Instant to = Clock.local(dayStart, toHour, place.utcOffset(), rng);
        Instant t = Clock.local(dayStart, fromHour + rng.nextDouble(), place.utcOffset(), rng);
        boolean weekly = dayStart.atOffset(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.MONDAY;
        int n = 0;
        List<SignInRecord> outlook = new ArrayList<>();
        while (t.isBefore(to)) {
            double localHour = ((t.getEpochSecond() - dayStart.getEpochSecond()) / 3600.0 + place.utcOffset() + 48) % 24;
            boolean atHome = place == u.home() && (localHour < 8 || localHour >= 18.5);
            Egress next;
            if (atHome) {
                boolean v6 = isp.dualStack() && rng.nextBoolean();
                next = new Egress(v6 ? u.homeV6() : u.homeV4(), isp, u.home(), List.of());
            } else if (current == null || current.network() != carrier || rng.nextInt(100) < 60) {
                boolean v6 = carrier.dualStack() && rng.nextInt(100) < 40;
                next = new Egress(v6 ? carrier.randomV6(rng) : carrier.randomV4(rng), carrier, u.home(), List.of());
            } else {
                next = current;
            }
            if (current != null && !current.ip().equals(next.ip())) {
                hard.add(current.network().asn() == next.network().asn() ? HardCases.CGNAT_HOPS : HardCases.WIFI_CELLULAR_HOPS);
            }
            current = next;
            boolean interactive = n == 0 && weekly;
            SignInRecord r = SignIns.of(rng, t, interactive, u, session, next, interactive
                    ? Grant.interactive(App.OUTLOOK_MOBILE, Auth.PASSWORD_AND_PUSH, "none", false)
                    : Grant.refresh(App.OUTLOOK_MOBILE, "refreshToken", false), SignInRisk.NONE);
            sink.add(r);
            outlook.add(r);
            if (n % (sales ? 2 : 3) == 1) {
                Instant at = Clock.plusMinutes(t, 2 + rng.nextInt(20), rng);
                sink.add(SignIns.of(rng, at, false, u, session, next, Grant.refresh(App.TEAMS, "refreshToken", false),
                        SignInRisk.NONE));
            }
            t = Clock.plusMinutes(t, step + rng.nextGaussian() * 10, rng);
            n++;
        }
        // Outlook mobile's mail traffic reaches Exchange from Microsoft's own service addresses
        int reads = sales ? 3 + rng.nextInt(4) : rng.nextInt(3);
        for (int i = 0; i < reads && !outlook.isEmpty(); i++) {
            SignInRecord token = outlook.get(rng.nextInt(outlook.size()));
            Instant at = Clock.plusMinutes(token.time(), 1 + rng.nextInt(40), rng);
            MailboxAccess a = new MailboxAccess(Networks.MICROSOFT_EXCHANGE.randomV4(rng), "Client=REST;Client=RESTSystem;;",
                    App.OUTLOOK_MOBILE.id(), App.OUTLOOK_MOBILE.id(), token.sessionId(), token.uniqueTokenId(), token.time());
            sink.add(mail.mailItemsAccessed(rng, u, at, a, "Sync", 1 + rng.nextInt(10)));
            if (sales && rng.nextBoolean()) sink.add(mail.send(rng, u, Clock.plusMinutes(at, 3, rng), a, SUBJECTS[rng.nextInt(SUBJECTS.length)]));
        }
    }

    // ------------------------------------------------------------------ personas

    private void personaExtras(User u, int day, SignInRecord root, Line line, Instant from, Instant to, SplittableRandom rng,
                               RecordSink sink, List<SignInRecord> outlook) {
        DirectoryOps.Actor actor = new DirectoryOps.Actor(u, root.ip(), root.sessionId(), root.uniqueTokenId());
        switch (u.persona()) {
            case ADMIN -> {
                if (rng.nextInt(100) < 30) {
                    Instant at = between(from, to, rng);
                    List<CaPolicy> policies = tenant.caPolicies();
                    CaPolicy p = policies.get(rng.nextInt(policies.size()));
                    String breakGlass = "\"" + Ids.guid(Ids.stream(seed, 9, 0, 0)) + "\"";
                    boolean promote = p.state() == CaPolicy.State.REPORT_ONLY && rng.nextBoolean();
                    String state = p.state() == CaPolicy.State.DISABLED ? "disabled"
                            : p.state() == CaPolicy.State.REPORT_ONLY ? "enabledForReportingButNotEnforced" : "enabled";
                    sink.add(DirectoryOps.caUpdate(rng, at, actor.withIp(line.at(at).ip()), p, state, promote ? "enabled" : state,
                            promote ? breakGlass : "", breakGlass));
                    hard.add(HardCases.LEGIT_CA_CHANGES);
                }
                if (rng.nextInt(100) < 20) {
                    List<User> users = tenant.users();
                    User target = users.get(rng.nextInt(users.size()));
                    Instant at = between(from, to, rng);
                    sink.add(DirectoryOps.adminRegisteredSecurityInfo(rng, at, actor.withIp(line.at(at).ip()), target,
                            "Phone number (mobile)"));
                    hard.add(HardCases.ADMIN_SECURITY_INFO);
                }
            }
            case RULE_MAKER -> {
                int days = 7;
                if (day % days == u.index() % days && !outlook.isEmpty()) inboxRule(u, rng, sink, outlook);
                if (day % days == (u.index() + 3) % days) {
                    String[] app = CONSENT_APPS[rng.nextInt(CONSENT_APPS.length)];
                    Instant at = between(from, to, rng);
                    for (var r : DirectoryOps.consent(rng, at, actor.withIp(line.at(at).ip()), app[0], Ids.guid(rng), app[1])) sink.add(r);
                    if (app[1].contains("offline_access")) hard.add(HardCases.LEGIT_CONSENTS);
                }
            }
            default -> { }
        }
    }

    private void inboxRule(User u, SplittableRandom rng, RecordSink sink, List<SignInRecord> outlook) {
        SignInRecord token = outlook.get(rng.nextInt(outlook.size()));
        Instant at = Clock.plusMinutes(token.time(), 2 + rng.nextInt(30), rng);
        boolean forward = rng.nextInt(100) < 35;
        String personal = u.mailNickname().replace(".", "") + (rng.nextBoolean() ? "@gmail.com" : "@outlook.com");
        if (rng.nextBoolean()) {
            MailboxAccess owa = new MailboxAccess(token.ip(), "Client=OWA;Action=ViaProxy", MailboxOps.EXCHANGE_APP,
                    App.OWA.id(), token.sessionId(), token.uniqueTokenId(), token.time());
            List<NameValue> params = forward
                    ? List.of(new NameValue("ForwardTo", personal), new NameValue("From", "hr@" + tenant.domain()),
                    new NameValue("StopProcessingRules", "False"))
                    : List.of(new NameValue("From", "newsletter@news.example.com"), new NameValue("MoveToFolder", "Newsletters"),
                    new NameValue("StopProcessingRules", "True"));
            sink.add(mail.inboxRuleCmdlet(rng, u, at, owa, "New-InboxRule", forward ? "Payslips to home" : "Newsletters", params));
        } else {
            String actions = forward
                    ? "[{\"ActionType\":\"Forward\",\"Recipients\":[\"" + personal + "\"],\"ForwardFlags\":\"None\"}]"
                    : "[{\"ActionType\":\"MoveToFolder\",\"Path\":\"\\\\Inbox\\\\Receipts\"}]";
            sink.add(mail.updateInboxRules(rng, u, at, access(token, "Client=MSExchangeRPC"),
                    forward ? "Family calendar to home" : "Receipts", "{(Sender Contains 'receipts@')}", actions));
        }
        hard.add(HardCases.LEGIT_INBOX_RULES);
        if (forward) hard.add(HardCases.LEGIT_EXTERNAL_FORWARDING_RULES);
    }

    /** A new joiner's first day: security-info registration, device join, Intune enrolment. */
    private void onboarding(User u, SignInRecord root, SplittableRandom rng, RecordSink sink) {
        DirectoryOps.Actor actor = new DirectoryOps.Actor(u, root.ip(), root.sessionId(), root.uniqueTokenId());
        Instant t = Clock.plusMinutes(root.time(), 2, rng);
        sink.add(SignIns.of(rng, t, true, u, new Session(root.sessionId(), root.device(), root.userAgent()),
                new Egress(root.ip(), root.network(), root.place(), root.namedLocations()),
                Grant.interactive(App.MY_SIGNINS, Auth.PASSWORD_AND_PUSH, "none", false), SignInRisk.NONE));
        sink.add(DirectoryOps.startedRegistration(rng, Clock.plusMinutes(t, 0.5, rng), actor));
        for (var r : DirectoryOps.securityInfo(rng, Clock.plusMinutes(t, 2, rng), actor, "Authenticator App with Notification and Code", 0)) {
            sink.add(r);
        }
        hard.add(HardCases.LEGIT_MFA_REGISTRATIONS);
        ClientDevice d = u.laptop();
        for (var r : DirectoryOps.deviceRegistration(rng, Clock.plusMinutes(t, 9, rng), u, d.id(), d.displayName(),
                "10.0.22631.4460", "Azure AD joined")) {
            sink.add(r);
        }
        hard.add(HardCases.LEGIT_DEVICE_REGISTRATIONS);
        Instant enrol = Clock.plusMinutes(t, 11, rng);
        sink.add(SignIns.of(rng, enrol, true, u, new Session(root.sessionId(), root.device(), root.userAgent()),
                new Egress(root.ip(), root.network(), root.place(), root.namedLocations()),
                Grant.interactive(App.INTUNE_ENROLLMENT, Auth.PRT_WITH_MFA_CLAIM, "primaryRefreshToken", false), SignInRisk.NONE));
    }

    private void falsePositiveRisk(SignInRecord s, SplittableRandom rng, RecordSink sink) {
        Instant detected = Clock.plusMinutes(s.time(), 1 + rng.nextInt(8), rng);
        sink.add(new RiskRecord(s.time(), detected, Lag.risk(detected, rng), Ids.riskId(rng), s.id(), s.correlationId(),
                s.user(), "unfamiliarFeatures", s.risk().level(),
                s.risk().state(), s.risk().detail(), "realtime", s.ip(), s.place(), s.userAgent()));
        hard.add(HardCases.FALSE_POSITIVE_RISKS);
    }

    private void systemSetMailbox(User u, Instant dayStart, Place place, SplittableRandom rng, RecordSink sink) {
        sink.add(mail.systemSetMailbox(rng, u, Clock.local(dayStart, 3 + rng.nextDouble() * 18, place.utcOffset(), rng)));
        hard.add(HardCases.SYSTEM_SET_MAILBOX);
    }

    static MailboxAccess access(SignInRecord token, String clientInfo) {
        return new MailboxAccess(token.ip(), clientInfo, MailboxOps.EXCHANGE_APP, token.app().id(), token.sessionId(),
                token.uniqueTokenId(), token.time());
    }

    static Instant between(Instant from, Instant to, SplittableRandom rng) {
        long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        return from.plusSeconds(rng.nextLong(span)).plusNanos(rng.nextInt(10_000_000) * 100L);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Where a device's traffic leaves at a given time. */
    @FunctionalInterface
    interface Line {
        Egress at(Instant t);
    }
}

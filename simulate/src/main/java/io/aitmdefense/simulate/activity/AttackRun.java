package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.canary.CanaryHit;
import io.aitmdefense.simulate.canary.CanaryHits;
import io.aitmdefense.simulate.log.AuditRecord;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.MailboxRecord;
import io.aitmdefense.simulate.log.NameValue;
import io.aitmdefense.simulate.log.RiskRecord;
import io.aitmdefense.simulate.log.SignInRecord;
import io.aitmdefense.simulate.log.SignInRecord.Auth;
import io.aitmdefense.simulate.log.SignInRecord.SignInRisk;
import io.aitmdefense.simulate.tenant.App;
import io.aitmdefense.simulate.tenant.CaPolicy;
import io.aitmdefense.simulate.tenant.ClientDevice;
import io.aitmdefense.simulate.tenant.Tenant;
import io.aitmdefense.simulate.tenant.User;
import io.aitmdefense.simulate.truth.CampaignTruth;
import io.aitmdefense.simulate.truth.EventRef;
import io.aitmdefense.simulate.truth.Infrastructure;
import io.aitmdefense.simulate.truth.Stage;
import io.aitmdefense.simulate.truth.StageTruth;
import io.aitmdefense.simulate.truth.TargetedUser;
import io.aitmdefense.simulate.truth.Technique;
import io.aitmdefense.simulate.truth.VictimTruth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Plays one campaign against its victims: initial access by the campaign's technique, replay from attacker
 * infrastructure, then the victim's persistence and impact steps with jitter. Every attacker record is written to the
 * sink and referenced in the campaign's truth.
 */
final class AttackRun {
    private static final String[] BEC_SUBJECTS = {"Updated banking details for outstanding invoices", "URGENT: payment overdue",
            "Re: Wire transfer confirmation", "Invoice correction - new remittance account", "Re: Q4 vendor payment"};

    /** The techniques whose kit relays the tenant's sign-in page (and so shows its branding, canary included). */
    private static final Set<Technique> RELAYS_PAGE = java.util.EnumSet.of(Technique.EVILGINX_COOKIE_REPLAY,
            Technique.PAUSED_PERSISTENCE, Technique.TYCOON_KIT, Technique.RESIDENTIAL_PROXY_REPLAY);

    private final Tenant tenant;
    private final long seed;
    private final Instant start;
    private final MailboxOps mail;
    private final Instant end;

    AttackRun(Tenant tenant, long seed, Instant start, int days) {
        this.tenant = tenant;
        this.seed = seed;
        this.start = start;
        this.end = start.plusSeconds(86_400L * days);
        this.mail = new MailboxOps(tenant);
    }

    /**
     * Emits the campaign; {@code laptops} are the victims' laptop sessions of the campaign day (token theft source).
     * When the kit relayed the sign-in page, each victim's page load goes to {@code hits} before their proxied
     * sign-in, and so does that of {@code bystander}, a user the page was shown to who never signed in through it.
     */
    CampaignTruth run(CampaignPlan plan, Map<Integer, BenignDay.LaptopDay> laptops, RecordSink sink, CanaryHits hits,
                      Optional<User> bystander) {
        Set<String> ips = new TreeSet<>();
        Set<Integer> asns = new TreeSet<>();
        Set<String> agents = new LinkedHashSet<>();
        List<VictimTruth> victims = new ArrayList<>();
        List<SignInRecord> proxied = new ArrayList<>();
        int n = 0;
        for (CampaignPlan.Victim v : plan.victims()) {
            SplittableRandom rng = Ids.stream(seed, 6, plan.id().hashCode(), n++);
            VictimAttack run = new VictimAttack(plan, v, rng, sink);
            run.play(Optional.ofNullable(laptops.get(v.user().index())));
            victims.add(run.truth());
            run.proxiedSignIn().ifPresent(proxied::add);
            for (LogRecord r : run.records) {
                String ip = ipOf(r);
                if (!ip.isEmpty()) ips.add(ip);
                if (r instanceof SignInRecord s) {
                    asns.add(s.asn());
                    // a reverse proxy passes the victim's own browser string through: not an attacker client
                    if (!run.proxiedVictimSignIn(s)) agents.add(s.userAgent());
                }
            }
        }
        List<String> external = List.of(plan.kit().dropAddress());
        List<TargetedUser> targeted = pageLoads(plan, proxied, hits, bystander);
        return new CampaignTruth(plan.id(), plan.technique(), victims,
                new Infrastructure(List.copyOf(ips), List.copyOf(asns), List.copyOf(agents), external),
                targeted.isEmpty() ? "" : pageDomain(plan), targeted);
    }

    /**
     * The canary's view of a kit that relayed the sign-in page: the page loads its image a few seconds to two minutes
     * before each proxied sign-in, from the kit's address (the simulated kits fetch the page server-side), with the
     * kit's domain as referer. Drawn from a stream of their own, so the logs are the same with or without them.
     */
    private List<TargetedUser> pageLoads(CampaignPlan plan, List<SignInRecord> proxied, CanaryHits hits, Optional<User> bystander) {
        if (proxied.isEmpty()) return List.of();
        SplittableRandom rng = Ids.stream(seed, 9, plan.id().hashCode(), 1);
        String referer = "https://" + pageDomain(plan) + "/common/oauth2/v2.0/authorize";
        List<TargetedUser> out = new ArrayList<>();
        for (SignInRecord s : proxied) {
            Instant loaded = s.time().minusMillis(3_000 + rng.nextInt(117_000));
            hits.add(new CanaryHit(loaded, s.ip(), referer, s.userAgent()));
            out.add(new TargetedUser(s.user().userPrincipalName(), loaded.toString(), s.ip(), true));
        }
        if (bystander.isPresent()) {
            SignInRecord first = proxied.get(0);
            Instant loaded = first.time().plusSeconds(300 + rng.nextInt(1500));
            hits.add(new CanaryHit(loaded, first.ip(), referer, bystander.get().laptop().userAgent()));
            out.add(new TargetedUser(bystander.get().userPrincipalName(), loaded.toString(), first.ip(), false));
        }
        return out;
    }

    /** The kit's own domain: a look-alike under the reserved {@code .example} top-level domain. */
    private String pageDomain(CampaignPlan plan) {
        SplittableRandom rng = Ids.stream(seed, 9, plan.id().hashCode(), 2);
        String[] bases = {"micros0ft-auth", "office365-verify", "sso-mlcrosoftonline", "secure-docshare", "outlook-webauth"};
        return "login." + bases[rng.nextInt(bases.length)] + "-" + Ids.upper(rng, 4).toLowerCase(java.util.Locale.ROOT) + ".example";
    }

    /** The attack on one victim, recording what it emits per stage. */
    private final class VictimAttack {
        final CampaignPlan plan;
        final CampaignPlan.Victim victim;
        final User user;
        final SplittableRandom rng;
        final RecordSink sink;
        final List<LogRecord> records = new ArrayList<>();
        final Map<Stage, List<LogRecord>> stages = new LinkedHashMap<>();
        Session attackerSession;
        SignInRecord replayToken;
        Egress replayHost;
        /** When the endpoint's refresh token was stolen (token theft only): it leaves no record of its own. */
        Instant theftTime;

        VictimAttack(CampaignPlan plan, CampaignPlan.Victim victim, SplittableRandom rng, RecordSink sink) {
            this.plan = plan;
            this.victim = victim;
            this.user = victim.user();
            this.rng = rng;
            this.sink = sink;
        }

        /**
         * The victim's sign-in through the kit's relay of the sign-in page (from one of the kit's proxies), if the
         * technique relays the page: device-code, token-theft and authorization-code victims use Microsoft's own page.
         */
        Optional<SignInRecord> proxiedSignIn() {
            if (!RELAYS_PAGE.contains(plan.technique())) return Optional.empty();
            Set<String> proxies = new java.util.HashSet<>();
            plan.kit().proxies().forEach(e -> proxies.add(e.ip()));
            return stages.getOrDefault(Stage.PHISH, List.of()).stream().filter(r -> r instanceof SignInRecord)
                    .map(r -> (SignInRecord) r).filter(r -> proxies.contains(r.ip())).findFirst();
        }

        boolean proxiedVictimSignIn(SignInRecord s) {
            return plan.technique() == Technique.EVILGINX_COOKIE_REPLAY && stages.getOrDefault(Stage.PHISH, List.of()).contains(s);
        }

        void emit(Stage stage, LogRecord r) {
            sink.add(r);
            records.add(r);
            stages.computeIfAbsent(stage, s -> new ArrayList<>()).add(r);
        }

        void play(Optional<BenignDay.LaptopDay> laptop) {
            Instant dayStart = start.plusSeconds(86_400L * plan.day());
            Instant t = Clock.local(dayStart, victim.phishLocalHour(), BenignDay.place(user, plan.day()).utcOffset(), rng);
            AttackerKit kit = plan.kit();
            replayHost = kit.replayHosts().get(rng.nextInt(kit.replayHosts().size()));
            Technique technique = plan.technique();
            // token theft needs the victim's laptop session that day; the planner only picks laptop users on weekdays,
            // so a victim without one can only happen when the simulated period has no weekday at all
            if (technique == Technique.REFRESH_TOKEN_THEFT && laptop.isEmpty()) technique = Technique.EVILGINX_COOKIE_REPLAY;
            if (technique == Technique.FAMILY_REFRESH_PIVOT && laptop.isEmpty()) technique = Technique.EVILGINX_COOKIE_REPLAY;
            t = switch (technique) {
                case EVILGINX_COOKIE_REPLAY, PAUSED_PERSISTENCE -> evilginx(t, kit);
                case TYCOON_KIT -> tycoon(t, kit);
                case DEVICE_CODE_PHISH -> deviceCode(t, kit);
                case REFRESH_TOKEN_THEFT -> tokenTheft(laptop.orElseThrow(), kit);
                case RESIDENTIAL_PROXY_REPLAY -> adopt(TradecraftRun.residentialProxy(this::emit, user, rng, t, kit));
                case FAMILY_REFRESH_PIVOT -> {
                    stages.put(Stage.TOKEN_THEFT, new ArrayList<>());
                    TradecraftRun.Foothold f = TradecraftRun.familyRefreshPivot(this::emit, user, rng, laptop.orElseThrow(), kit, replayHost);
                    theftTime = f.time();
                    yield adopt(f);
                }
                case AUTH_CODE_PHISH -> adopt(TradecraftRun.authorizationCode(this::emit, user, rng, t, kit, replayHost));
            };
            refreshes(t, kit);
            if (technique == Technique.PAUSED_PERSISTENCE) t = TradecraftRun.pause(t, end, rng);
            for (Stage step : victim.steps()) {
                t = Clock.plusMinutes(t, 2 + rng.nextInt(24), rng);
                t = step(step, t, kit);
            }
            if (rng.nextInt(100) < 55) riskDetection(kit);
        }

        /** Takes over what a newer technique's replay left: the later steps ride on it. */
        private Instant adopt(TradecraftRun.Foothold f) {
            attackerSession = f.session();
            replayToken = f.token();
            replayHost = f.host();
            return f.time();
        }

        /** The victim signs in through the proxy (MFA performed, proxy's address, victim's browser); the cookie is replayed. */
        private Instant evilginx(Instant t, AttackerKit kit) {
            Egress proxy = kit.proxies().get(rng.nextInt(kit.proxies().size()));
            ClientDevice proxied = unregistered(user.laptop());
            Session session = new Session(Ids.guid(rng), proxied, user.laptop().userAgent());
            emit(Stage.PHISH, SignIns.of(rng, t, true, user, session, proxy,
                    Grant.interactive(App.OFFICE_HOME, Auth.PASSWORD_AND_PUSH, "none", false), SignInRisk.NONE));
            Instant replay = Clock.plusMinutes(t, 2 + rng.nextInt(38), rng);
            attackerSession = new Session(session.id(), kit.device(), kit.device().userAgent());
            emit(Stage.REPLAY, SignIns.of(rng, replay, true, user, attackerSession, replayHost,
                    Grant.interactive(App.OFFICE_HOME, Auth.REPLAYED_COOKIE, "none", false), SignInRisk.NONE));
            Instant owa = Clock.plusMinutes(replay, 0.5 + rng.nextDouble() * 2, rng);
            replayToken = SignIns.of(rng, owa, true, user, attackerSession, replayHost,
                    Grant.interactive(App.OWA, Auth.REPLAYED_COOKIE, "none", false), SignInRisk.NONE);
            emit(Stage.REPLAY, replayToken);
            return owa;
        }

        /** The kit's server signs in to OfficeHome with a scripting UA, then redeems through the Authentication Broker. */
        private Instant tycoon(Instant t, AttackerKit kit) {
            Egress proxy = kit.proxies().get(rng.nextInt(kit.proxies().size()));
            ClientDevice scripted = new ClientDevice("", "", "", "", kit.kitUserAgent(), "", false, false, ClientDevice.Platform.LINUX);
            Session session = new Session(Ids.guid(rng), scripted, kit.kitUserAgent());
            emit(Stage.PHISH, SignIns.of(rng, t, true, user, session, proxy,
                    Grant.interactive(App.OFFICE_HOME, Auth.PASSWORD_AND_PUSH, "none", false), SignInRisk.NONE));
            Instant broker = Clock.plusMinutes(t, 1 + rng.nextDouble() * 2, rng);
            emit(Stage.REPLAY, SignIns.of(rng, broker, false, user, session, proxy,
                    new Grant(App.BROKER_TO_GRAPH, Auth.TOKEN_WITH_MFA_CLAIM, "refreshToken", "none", "none", false), SignInRisk.NONE));
            Instant replay = Clock.plusMinutes(broker, 3 + rng.nextInt(30), rng);
            attackerSession = new Session(session.id(), kit.device(), kit.device().userAgent());
            replayToken = SignIns.of(rng, replay, true, user, attackerSession, replayHost,
                    Grant.interactive(App.OWA, Auth.REPLAYED_COOKIE, "none", false), SignInRisk.NONE);
            emit(Stage.REPLAY, replayToken);
            return replay;
        }

        /** The victim enters the attacker's device code: deviceCode protocol, MFA done by the victim, attacker's address. */
        private Instant deviceCode(Instant t, AttackerKit kit) {
            Egress host = kit.proxies().get(0);
            ClientDevice scripted = new ClientDevice("", "", "", "", kit.kitUserAgent(), "", false, false, ClientDevice.Platform.LINUX);
            Session session = new Session(Ids.guid(rng), scripted, kit.kitUserAgent());
            emit(Stage.PHISH, SignIns.of(rng, t, true, user, session, host,
                    new Grant(App.AUTH_BROKER, Auth.DEVICE_CODE_WITH_MFA, "none", "deviceCodeFlow", "deviceCode", false),
                    SignInRisk.NONE));
            Instant redeem = Clock.plusMinutes(t, 1 + rng.nextInt(20), rng);
            attackerSession = session;
            replayToken = SignIns.of(rng, redeem, false, user, session, replayHost,
                    new Grant(App.OFFICE, Auth.TOKEN_WITH_MFA_CLAIM, "refreshToken", "deviceCodeFlow", "none", false), SignInRisk.NONE);
            emit(Stage.REPLAY, replayToken);
            return redeem;
        }

        /** An infostealer took the laptop session's refresh token; the attacker redeems it from a VPS. */
        private Instant tokenTheft(BenignDay.LaptopDay laptop, AttackerKit kit) {
            Instant stolen = BenignDay.between(laptop.from(), laptop.from().plusSeconds(3 * 3600), rng);
            stages.put(Stage.TOKEN_THEFT, new ArrayList<>());
            theftTime = stolen;
            Instant redeem = Clock.plusMinutes(stolen, 20 + rng.nextInt(120), rng);
            attackerSession = new Session(laptop.session().id(), kit.device(), kit.kitUserAgent());
            replayToken = SignIns.of(rng, redeem, false, user, attackerSession, replayHost,
                    Grant.refresh(App.OFFICE, "refreshToken", false), SignInRisk.NONE);
            emit(Stage.REPLAY, replayToken);
            return redeem;
        }

        /** The attacker keeps the session warm: refreshes every ~hour for a few hours from the replay host. */
        private void refreshes(Instant from, AttackerKit kit) {
            int count = 2 + rng.nextInt(4);
            Instant t = from;
            for (int i = 0; i < count; i++) {
                t = Clock.plusMinutes(t, 45 + rng.nextInt(30), rng);
                emit(Stage.REPLAY, SignIns.of(rng, t, false, user, attackerSession, replayHost,
                        Grant.refresh(i % 2 == 0 ? App.OFFICE : App.BROKER_TO_GRAPH, "refreshToken", false), SignInRisk.NONE));
            }
        }

        private MailboxAccess owa() {
            return new MailboxAccess(replayHost.ip(), "Client=OWA;Action=ViaProxy", MailboxOps.EXCHANGE_APP,
                    replayToken.app().id(), replayToken.sessionId(), replayToken.uniqueTokenId(), replayToken.time());
        }

        private DirectoryOps.Actor actor() {
            return new DirectoryOps.Actor(user, replayHost.ip(), replayToken.sessionId(), replayToken.uniqueTokenId());
        }

        private Instant step(Stage step, Instant t, AttackerKit kit) {
            switch (step) {
                case INBOX_RULE -> inboxRule(t, kit);
                case MAILBOX_FORWARDING -> emit(step, mail.setMailboxForwarding(rng, user, t, owa(), kit.dropAddress(), true));
                case OAUTH_CONSENT -> {
                    for (AuditRecord r : DirectoryOps.consent(rng, t, actor(), kit.consentAppName(), kit.consentAppId(),
                            "openid profile email offline_access Mail.Read Mail.ReadWrite User.Read")) emit(step, r);
                }
                case MFA_REGISTRATION -> {
                    Instant signIn = Clock.plusMinutes(t, -0.5, rng);
                    emit(step, SignIns.of(rng, signIn, true, user, attackerSession, replayHost,
                            Grant.interactive(App.MY_SIGNINS, Auth.REPLAYED_COOKIE, "none", false), SignInRisk.NONE));
                    String method = rng.nextBoolean() ? "Authenticator App with Notification and Code" : "Phone number (mobile)";
                    for (AuditRecord r : DirectoryOps.securityInfo(rng, t, actor(), method, 1)) emit(step, r);
                }
                case DEVICE_REGISTRATION -> {
                    emit(step, SignIns.of(rng, t, false, user, attackerSession, replayHost,
                            new Grant(App.AUTH_BROKER, Auth.TOKEN_WITH_MFA_CLAIM, "refreshToken", "none", "none", false),
                            SignInRisk.NONE));
                    String name = "DESKTOP-" + Ids.upper(rng, 7);
                    for (AuditRecord r : DirectoryOps.deviceRegistration(rng, Clock.plusMinutes(t, 0.4, rng), user, Ids.guid(rng),
                            name, "10.0.19045.2006", "Azure AD registered")) emit(step, r);
                }
                case CA_TAMPERING -> {
                    Instant signIn = Clock.plusMinutes(t, -0.4, rng);
                    emit(step, SignIns.of(rng, signIn, true, user, attackerSession, replayHost,
                            Grant.interactive(App.AZURE_PORTAL, Auth.REPLAYED_COOKIE, "none", false), SignInRisk.NONE));
                    if (rng.nextBoolean()) {
                        CaPolicy mfa = tenant.caPolicies().get(0);
                        emit(step, DirectoryOps.caUpdate(rng, t, actor(), mfa, "enabled", "disabled", "", ""));
                    } else {
                        String cidr = replayHost.ip().substring(0, replayHost.ip().lastIndexOf('.')) + ".0/24";
                        emit(step, DirectoryOps.addNamedLocation(rng, t, actor(), "Branch office VPN", cidr, true));
                    }
                }
                case MAIL_ACCESS -> {
                    int bursts = 15 + rng.nextInt(45);
                    Instant at = t;
                    for (int i = 0; i < bursts; i++) {
                        at = at.plusMillis(5_000 + rng.nextInt(40_000));
                        emit(step, mail.mailItemsAccessed(rng, user, at, owa(), "Bind", 5 + rng.nextInt(35)));
                    }
                    return at;
                }
                case BEC_SEND -> {
                    int sends = 8 + rng.nextInt(22);
                    Instant at = t;
                    for (int i = 0; i < sends; i++) {
                        at = at.plusMillis(10_000 + rng.nextInt(50_000));
                        emit(step, mail.send(rng, user, at, owa(), BEC_SUBJECTS[rng.nextInt(BEC_SUBJECTS.length)]));
                    }
                    return at;
                }
                default -> throw new IllegalStateException("not a post-compromise step: " + step);
            }
            return t;
        }

        /** One of the rule shapes attackers use: hide (move to RSS/Archive, mark read, delete), forward, or both. */
        private void inboxRule(Instant t, AttackerKit kit) {
            int variant = rng.nextInt(4);
            switch (variant) {
                case 0 -> emit(Stage.INBOX_RULE, mail.inboxRuleCmdlet(rng, user, t, owa(), "New-InboxRule", ".", List.of(
                        new NameValue("SubjectOrBodyContainsWords", "invoice;payment;wire;bank"),
                        new NameValue("MoveToFolder", "RSS Feeds"), new NameValue("MarkAsRead", "True"),
                        new NameValue("StopProcessingRules", "True"))));
                case 1 -> emit(Stage.INBOX_RULE, mail.inboxRuleCmdlet(rng, user, t, owa(), "New-InboxRule", "..", List.of(
                        new NameValue("ForwardTo", kit.dropAddress()), new NameValue("DeleteMessage", "True"),
                        new NameValue("MarkAsRead", "True"), new NameValue("StopProcessingRules", "True"))));
                case 2 -> {
                    String name = "Archive";
                    emit(Stage.INBOX_RULE, mail.inboxRuleCmdlet(rng, user, t, owa(), "New-InboxRule", name, List.of(
                            new NameValue("From", "it-security@" + tenant.domain()), new NameValue("DeleteMessage", "True"))));
                    emit(Stage.INBOX_RULE, mail.inboxRuleCmdlet(rng, user, Clock.plusMinutes(t, 1 + rng.nextInt(5), rng), owa(),
                            "Set-InboxRule", name, List.of(new NameValue("RedirectTo", kit.dropAddress()))));
                }
                default -> {
                    MailboxAccess ews = new MailboxAccess(replayHost.ip(), "Client=WebServices;ExchangeWebServices",
                            MailboxOps.EXCHANGE_APP, replayToken.app().id(), replayToken.sessionId(), replayToken.uniqueTokenId(),
                            replayToken.time());
                    emit(Stage.INBOX_RULE, mail.updateInboxRules(rng, user, t, ews, " ", "{(Exists(ItemClass))}",
                            "[{\"ActionType\":\"Forward\",\"Recipients\":[\"" + kit.dropAddress()
                                    + "\"],\"ForwardFlags\":\"None\"},{\"ActionType\":\"MoveToFolder\",\"Path\":\"\\\\Archive\"}]"));
                }
            }
        }

        /** Identity Protection flags the replay offline, hours later. */
        private void riskDetection(AttackerKit kit) {
            Instant at = replayToken.time();
            Instant detected = at.plusSeconds(3600 + rng.nextInt(5 * 3600));
            String type = rng.nextBoolean() ? "anomalousToken" : "attackerinTheMiddle";
            emit(Stage.RISK_DETECTION, new RiskRecord(at, detected, Lag.risk(detected, rng),
                    Ids.riskId(rng),
                    replayToken.id(), replayToken.correlationId(), user, type, rng.nextBoolean() ? "high" : "medium", "atRisk",
                    "none", "offline", replayHost.ip(), replayHost.place(), replayToken.userAgent()));
        }

        VictimTruth truth() {
            List<StageTruth> out = new ArrayList<>();
            for (Map.Entry<Stage, List<LogRecord>> e : stages.entrySet()) {
                List<EventRef> refs = new ArrayList<>();
                Instant first = e.getKey() == Stage.TOKEN_THEFT ? theftTime : null;
                for (LogRecord r : e.getValue()) {
                    refs.add(ref(r));
                    if (first == null || r.time().isBefore(first)) first = r.time();
                }
                out.add(new StageTruth(e.getKey(), first == null ? "" : first.toString(), refs));
            }
            out.sort(java.util.Comparator.comparing(StageTruth::time));
            return new VictimTruth(user.userPrincipalName(), user.id(), user.persona().label(), user.admin(), out);
        }
    }

    private static ClientDevice unregistered(ClientDevice d) {
        return new ClientDevice("", "", d.os(), d.browser(), d.userAgent(), "", false, false, d.platform());
    }

    static EventRef ref(LogRecord r) {
        if (r instanceof SignInRecord s) {
            return new EventRef(s.table().name(), s.id(), s.correlationId(), s.uniqueTokenId(), s.sessionId(), s.ip(),
                    s.time().toString());
        }
        if (r instanceof AuditRecord a) {
            return new EventRef(a.table().name(), a.id(), a.correlationId(), a.uniqueTokenId(), a.sessionId(), a.actorIp(),
                    a.time().toString());
        }
        if (r instanceof RiskRecord k) {
            return new EventRef(k.table().name(), k.id(), k.correlationId(), "", "", k.ip(), k.time().toString());
        }
        MailboxRecord m = (MailboxRecord) r;
        return new EventRef(m.table().name(), m.id(), "", m.uniqueTokenId(), m.aadSessionId(), bareIp(m.clientIp()),
                m.time().toString());
    }

    static String ipOf(LogRecord r) {
        return ref(r).ip();
    }

    /** ClientIP of admin cmdlets carries a port: "203.0.113.10:63070" or "[2001:db8::1]:443". */
    static String bareIp(String ip) {
        if (ip.startsWith("[")) return ip.substring(1, ip.indexOf(']'));
        int colon = ip.indexOf(':');
        return colon > 0 && colon == ip.lastIndexOf(':') ? ip.substring(0, colon) : ip;
    }
}

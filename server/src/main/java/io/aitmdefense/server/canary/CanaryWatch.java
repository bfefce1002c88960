package io.aitmdefense.server.canary;

import io.aitmdefense.detect.enrich.Enrichment;
import io.aitmdefense.detect.enrich.Network;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.EventKind;
import io.aitmdefense.events.SignIn;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.Evidence;
import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.RecordIdKind;
import io.aitmdefense.model.RecordRef;
import io.aitmdefense.model.Severity;
import io.aitmdefense.respond.plan.ProxiedDomain;
import io.aitmdefense.server.engine.SideCorrelation;
import io.aitmdefense.store.CanaryLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the canary's kept hits into alerts, before any credential is typed: each hit says that a page on a foreign
 * domain showed the tenant's sign-in page to an address ({@value #DETECTION}, under the domain's own key, so one
 * incident gathers a campaign's visitors); a sign-in from such an address within {@link #WINDOW} of the hit names
 * the user at risk (an alert under the user's key, which joins the user's incident, where a replay that follows
 * raises the severity). The address is the victim's own (their later direct sign-in) or the proxy's (a kit that
 * fetches the page server-side, and whose address the sign-in log shows).
 * <p>
 * Hits are read from the store by sequence number, which is the position snapshotted; hits and sign-ins are kept
 * for {@link #RETENTION} behind the clock (bounded in number) so that either may arrive first.
 */
public final class CanaryWatch implements SideCorrelation {
    public static final String DETECTION = ProxiedDomain.DETECTION;
    /** The key of a proxying domain's incident: a page, not a user, so there is no account to contain. */
    public static final String DOMAIN_KEY = ProxiedDomain.KEY_PREFIX;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration SKEW = Duration.ofMinutes(2);
    static final Duration RETENTION = Duration.ofHours(24);
    private static final int KEPT = 50_000;

    private final CanaryLog log;
    private final String tenant;
    private final Enrichment enrichment;
    private final Clock clock;
    private long position;
    private final Map<String, Deque<CanaryLog.Hit>> hitsAt = new HashMap<>();   // ip → hits, oldest first
    private final Map<String, Deque<SignIn>> signInsAt = new HashMap<>();       // ip → sign-ins, oldest first
    private final Set<String> raised = new HashSet<>();
    private int held;

    /** The watch of one Entra tenant's canary ({@code tenant}, lower case): other tenants' hits are another's. */
    public CanaryWatch(CanaryLog log, String tenant, Enrichment enrichment, Clock clock) {
        this.log = log;
        this.tenant = tenant;
        this.enrichment = enrichment;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "canary";
    }

    @Override
    public void observe(Event e, Consumer<Alert> raise) {
        if (!(e instanceof SignIn s) || s.ip().isEmpty() || s.user().isEmpty()) return;
        String ip = s.ip().trim();
        Deque<CanaryLog.Hit> hits = hitsAt.get(ip);
        if (hits != null) for (CanaryLog.Hit h : hits) if (sameTenant(h, s) && near(h, s)) atRisk(h, s, raise);
        if (s.time().isAfter(clock.instant().minus(RETENTION))) {
            signInsAt.computeIfAbsent(ip, k -> new ArrayDeque<>()).addLast(s);
            held++;
            trim();
        }
    }

    @Override
    public int poll(Consumer<Alert> raise) {
        List<CanaryLog.Hit> hits = log.after(tenant, position, 500);
        for (CanaryLog.Hit h : hits) {
            position = h.seq();
            raise.accept(pageAlert(h));
            Deque<SignIn> seen = signInsAt.get(h.ip());
            if (seen != null) for (SignIn s : List.copyOf(seen)) if (sameTenant(h, s) && near(h, s)) atRisk(h, s, raise);
            remember(h);
        }
        return hits.size();
    }

    @Override
    public String position() {
        return Long.toString(position);
    }

    @Override
    public void restore(String text) {
        position = text.isBlank() ? 0 : Long.parseLong(text.trim());
        Instant since = clock.instant().minus(RETENTION);
        long seq = 0;
        for (List<CanaryLog.Hit> page; !(page = log.after(tenant, seq, 1000)).isEmpty(); seq = page.get(page.size() - 1).seq()) {
            for (CanaryLog.Hit h : page) if (h.seq() <= position && h.at().isAfter(since)) remember(h);
        }
    }

    private void remember(CanaryLog.Hit h) {
        hitsAt.computeIfAbsent(h.ip(), k -> new ArrayDeque<>()).addLast(h);
        held++;
        trim();
    }

    /** Drops what is older than the retention, and the oldest when more than the bound is held. */
    private void trim() {
        if (held <= KEPT && held % 1000 != 0) return;
        Instant since = clock.instant().minus(RETENTION);
        held = 0;
        held += trim(hitsAt, h -> h.at().isBefore(since));
        held += trim(signInsAt, s -> s.time().isBefore(since));
        while (held > KEPT) held -= signInsAt.isEmpty() ? dropOne(hitsAt) : dropOne(signInsAt);
    }

    private static <T> int trim(Map<String, Deque<T>> map, java.util.function.Predicate<T> old) {
        int n = 0;
        for (Iterator<Deque<T>> it = map.values().iterator(); it.hasNext(); ) {
            Deque<T> d = it.next();
            while (!d.isEmpty() && old.test(d.peekFirst())) d.pollFirst();
            if (d.isEmpty()) it.remove();
            n += d.size();
        }
        return n;
    }

    private static <T> int dropOne(Map<String, Deque<T>> map) {
        Iterator<Deque<T>> it = map.values().iterator();
        Deque<T> d = it.next();
        d.pollFirst();
        if (d.isEmpty()) it.remove();
        return 1;
    }

    private static boolean sameTenant(CanaryLog.Hit h, SignIn s) {
        return s.tenantId().isEmpty() || s.tenantId().equalsIgnoreCase(h.tenant());
    }

    private static boolean near(CanaryLog.Hit h, SignIn s) {
        return !s.time().isBefore(h.at().minus(SKEW)) && !s.time().isAfter(h.at().plus(WINDOW));
    }

    /** The alert of one hit: the domain that proxied the sign-in page, and who looked at it from where. */
    Alert pageAlert(CanaryLog.Hit h) {
        Network net = enrichment.network(h.ip(), 0);
        String key = DOMAIN_KEY + h.domain();
        String explanation = "The tenant's sign-in page was displayed by " + h.domain() + ", not by Microsoft: a "
                + "phishing page is proxying it (adversary in the middle). It was shown to " + net.describe()
                + (h.userAgent().isEmpty() ? "" : " with user agent " + h.userAgent())
                + ", before any password was typed. A sign-in from that address in the next minutes names the user at risk.";
        return new Alert(Alert.idOf(h.tenant(), DETECTION, key, "canary-hit-" + h.seq()), h.tenant(), key, h.domain(),
                DETECTION, "Sign-in page proxied by " + h.domain(), Severity.HIGH, 0.95, h.at(), h.at(),
                KillChainStage.INITIAL_ACCESS, List.of("T1557", "T1566.002"), explanation,
                new Alert.Infrastructure(List.of(h.ip()), net.asn() > 0 ? List.of(net.asn()) : List.of(),
                        h.userAgent().isEmpty() ? List.of() : List.of(h.userAgent()), List.of()),
                List.of(), List.of(evidence(h)));
    }

    private void atRisk(CanaryLog.Hit h, SignIn s, Consumer<Alert> raise) {
        String tenant = s.tenantId().isEmpty() ? h.tenant() : s.tenantId().toLowerCase(Locale.ROOT);
        String userKey = tenant.isEmpty() ? s.user() : tenant + "/" + s.user();
        String id = Alert.idOf(tenant, DETECTION, userKey, "canary-hit-" + h.seq() + "/" + s.id());
        if (!raised.add(id)) return;
        Network net = enrichment.network(s.ip(), s.asn());
        String explanation = s.user() + " signed in from " + net.describe() + " "
                + Duration.between(h.at(), s.time()).toSeconds() + " s after that address was shown the tenant's "
                + "sign-in page by " + h.domain() + ", a page proxying it: the user's credentials and session are at "
                + "risk. Revoke the user's sessions if a sign-in from another network follows.";
        Instant start = h.at().isBefore(s.time()) ? h.at() : s.time(), end = h.at().isBefore(s.time()) ? s.time() : h.at();
        raise.accept(new Alert(id, tenant, userKey, s.user(), DETECTION, "Signed in through a proxied sign-in page ("
                + h.domain() + ")", Severity.HIGH, 0.9, start, end, KillChainStage.CREDENTIAL_CAPTURE,
                List.of("T1557", "T1566.002"), explanation,
                new Alert.Infrastructure(List.of(h.ip()), net.asn() > 0 ? List.of(net.asn()) : List.of(), List.of(),
                        List.of()),
                List.of(), List.of(evidence(h), Evidence.of(s, "sign-in from the address the canary saw"))));
    }

    private static Evidence evidence(CanaryLog.Hit h) {
        return new Evidence(new RecordRef("canary", h.seq(), 0, "canary-hit-" + h.seq(), RecordIdKind.CANARY_HIT_ID),
                EventKind.CANARY_HIT, h.at(), "canary image loaded by a page on " + h.domain() + " from " + h.ip());
    }

    /** Hits and sign-ins held, for tests of the bound. */
    int held() {
        return held;
    }

    List<String> heldAddresses() {
        return new ArrayList<>(hitsAt.keySet());
    }
}

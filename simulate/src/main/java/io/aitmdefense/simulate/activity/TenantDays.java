package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.canary.CanaryHit;
import io.aitmdefense.simulate.canary.CanaryHits;
import io.aitmdefense.simulate.log.LogRecord;
import io.aitmdefense.simulate.log.SignInRecord;

import io.aitmdefense.simulate.tenant.Tenant;
import io.aitmdefense.simulate.tenant.User;
import io.aitmdefense.simulate.truth.CampaignTruth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** Produces the tenant's records one day at a time: every user's benign day, then the campaigns of that day. */
public final class TenantDays {
    private final Tenant tenant;
    private final List<CampaignPlan> plans;
    private final BenignDay benign;
    private final AttackRun attacks;
    private final HardCases hard = new HardCases();
    private final List<CampaignTruth> truths = new ArrayList<>();
    private final CanaryHits canaryHits = new CanaryHits();
    /** Per campaign, a user its page was shown to who never signs in through it (none is a victim anywhere). */
    private final Map<String, User> bystanders = new HashMap<>();

    private final long seed;

    public TenantDays(Tenant tenant, long seed, Instant start, int days, int campaigns) {
        this.tenant = tenant;
        this.seed = seed;
        this.plans = CampaignPlanner.plan(tenant, seed, start, days, campaigns);
        this.benign = new BenignDay(tenant, seed, start, hard);
        this.attacks = new AttackRun(tenant, seed, start, days);
        java.util.Set<Integer> victims = new java.util.HashSet<>();
        plans.forEach(p -> p.victims().forEach(v -> victims.add(v.user().index())));
        List<User> others = tenant.users().stream().filter(u -> !victims.contains(u.index())).toList();
        for (CampaignPlan p : plans) {
            if (others.isEmpty()) break;
            bystanders.put(p.id(), others.get(Ids.stream(seed, 9, p.id().hashCode(), 3).nextInt(others.size())));
        }
    }

    public void generate(int day, RecordSink sink) {
        Map<Integer, BenignDay.LaptopDay> laptops = new HashMap<>();
        RecordSink benignSink = r -> {
            sink.add(r);
            health(r);
        };
        for (User u : tenant.users()) {
            benign.generate(u, day, benignSink).ifPresent(laptop -> {
                laptops.put(u.index(), laptop);
                DeveloperDay.generate(u, day, laptop, seed, sink, hard);
            });
        }
        for (CampaignPlan plan : plans) {
            if (plan.day() == day) {
                truths.add(attacks.run(plan, laptops, sink, canaryHits, Optional.ofNullable(bystanders.get(plan.id()))));
            }
        }
    }

    /**
     * A password typed on Microsoft's own sign-in page loads the canary with Microsoft's host as referer, seconds
     * before the sign-in is logged: the canary's health signal.
     */
    private void health(LogRecord r) {
        if (!(r instanceof SignInRecord s) || !s.interactive() || s.auth() != SignInRecord.Auth.PASSWORD_AND_PUSH) return;
        SplittableRandom rng = Ids.stream(seed, 10, s.id().hashCode(), 0);
        canaryHits.add(new CanaryHit(s.time().minusMillis(2_000 + rng.nextInt(18_000)), s.ip(), CanaryHits.MICROSOFT, s.userAgent()));
    }

    /** The canary image loads of the days generated so far. */
    public CanaryHits canaryHits() {
        return canaryHits;
    }

    /** The campaigns played so far, by campaign id. */
    public List<CampaignTruth> campaigns() {
        List<CampaignTruth> sorted = new ArrayList<>(truths);
        sorted.sort(java.util.Comparator.comparing(CampaignTruth::id));
        return List.copyOf(sorted);
    }

    public HardCases hardCases() {
        return hard;
    }
}

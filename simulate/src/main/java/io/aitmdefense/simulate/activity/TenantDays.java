package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.tenant.Tenant;
import io.aitmdefense.simulate.tenant.User;
import io.aitmdefense.simulate.truth.CampaignTruth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Produces the tenant's records one day at a time: every user's benign day, then the campaigns of that day. */
public final class TenantDays {
    private final Tenant tenant;
    private final List<CampaignPlan> plans;
    private final BenignDay benign;
    private final AttackRun attacks;
    private final HardCases hard = new HardCases();
    private final List<CampaignTruth> truths = new ArrayList<>();

    private final long seed;

    public TenantDays(Tenant tenant, long seed, Instant start, int days, int campaigns) {
        this.tenant = tenant;
        this.seed = seed;
        this.plans = CampaignPlanner.plan(tenant, seed, start, days, campaigns);
        this.benign = new BenignDay(tenant, seed, start, hard);
        this.attacks = new AttackRun(tenant, seed, start, days);
    }

    public void generate(int day, RecordSink sink) {
        Map<Integer, BenignDay.LaptopDay> laptops = new HashMap<>();
        for (User u : tenant.users()) {
            benign.generate(u, day, sink).ifPresent(laptop -> {
                laptops.put(u.index(), laptop);
                DeveloperDay.generate(u, day, laptop, seed, sink, hard);
            });
        }
        for (CampaignPlan plan : plans) {
            if (plan.day() == day) truths.add(attacks.run(plan, laptops, sink));
        }
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

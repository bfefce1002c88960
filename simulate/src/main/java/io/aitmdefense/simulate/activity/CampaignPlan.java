package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.truth.Stage;
import io.aitmdefense.simulate.truth.Technique;
import io.aitmdefense.simulate.tenant.User;

import java.util.List;

/** What a campaign will do: technique, day, infrastructure, and per victim the phish time and post-compromise steps. */
record CampaignPlan(String id, Technique technique, int day, AttackerKit kit, List<Victim> victims) {

    record Victim(User user, double phishLocalHour, List<Stage> steps) {
    }
}

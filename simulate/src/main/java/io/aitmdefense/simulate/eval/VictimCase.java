package io.aitmdefense.simulate.eval;

import io.aitmdefense.simulate.truth.CampaignTruth;
import io.aitmdefense.simulate.truth.EventRef;
import io.aitmdefense.simulate.truth.Stage;
import io.aitmdefense.simulate.truth.StageTruth;
import io.aitmdefense.simulate.truth.Technique;
import io.aitmdefense.simulate.truth.VictimTruth;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One victim of one campaign as the evaluator sees it: the user key detections use (lower-cased UPN), the stages
 * reached, the attack span from the first to the last stage, the attacker's addresses and the attacker record ids.
 */
public record VictimCase(String user, String campaign, Technique technique, Set<Stage> stages, Instant first,
                         Instant last, Optional<Instant> replay, Set<String> attackerIps, Set<String> eventIds) {

    public VictimCase {
        stages = Set.copyOf(stages);
        attackerIps = Set.copyOf(attackerIps);
        eventIds = Set.copyOf(eventIds);
    }

    static VictimCase of(CampaignTruth campaign, VictimTruth victim) {
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        Set<String> ips = new LinkedHashSet<>(campaign.infrastructure().ips());
        Set<String> ids = new LinkedHashSet<>();
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        Optional<Instant> replay = Optional.empty();
        for (StageTruth s : victim.stages()) {
            stages.add(s.stage());
            Instant at = Instant.parse(s.time());
            if (s.stage() == Stage.REPLAY && replay.map(r -> at.isBefore(r)).orElse(true)) replay = Optional.of(at);
            for (EventRef e : s.events()) {
                if (!e.id().isEmpty()) ids.add(e.id());
                Instant t = e.time().isEmpty() ? at : Instant.parse(e.time());
                if (t.isBefore(first)) first = t;
                if (t.isAfter(last)) last = t;
            }
            if (at.isBefore(first)) first = at;
            if (at.isAfter(last)) last = at;
        }
        if (first.equals(Instant.MAX)) {
            throw new IllegalArgumentException("truth.json: victim " + victim.userPrincipalName() + " of " + campaign.id()
                    + " has no stages");
        }
        return new VictimCase(victim.userPrincipalName().toLowerCase(Locale.ROOT), campaign.id(), campaign.technique(),
                stages, first, last, replay, ips, ids);
    }

    /**
     * The goal's population: a victim whose attacker got in (replayed the session or token) or left persistence
     * must become an incident; a phish that never went further may stay unseen.
     */
    public boolean reachedReplayOrPersistence() {
        return stages.contains(Stage.REPLAY) || stages.stream().anyMatch(Stage::persistence);
    }

    /** Whether [start, end] overlaps the attack span widened by {@code slack} on both sides. */
    public boolean overlaps(Instant start, Instant end, Duration slack) {
        return !end.isBefore(first.minus(slack)) && !start.isAfter(last.plus(slack));
    }

    public boolean sharesAddress(List<String> ips) {
        return ips.stream().anyMatch(attackerIps::contains);
    }
}

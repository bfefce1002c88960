package io.aitmdefense.simulate.activity;

import io.aitmdefense.simulate.truth.Technique;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When the newer techniques' campaigns fall. Their detections judge a network, resource or client as new for the
 * victim, which needs a day of the victim's history before the attack, and a pause of days needs days after it: the
 * campaign goes to a weekday with a day of history before it (and, for a paused campaign, two days after it) when the
 * simulated period has one; otherwise the planned day stands.
 */
final class NewTechniqueDays {
    private NewTechniqueDays() {
    }

    static int day(Technique technique, int planned, List<Integer> weekdays, int days, SplittableRandom rng) {
        int after = switch (technique) {
            case PAUSED_PERSISTENCE -> 2;
            case RESIDENTIAL_PROXY_REPLAY, FAMILY_REFRESH_PIVOT, AUTH_CODE_PHISH -> 0;
            default -> -1;
        };
        if (after < 0) return planned;
        List<Integer> fitting = new ArrayList<>();
        for (int d : weekdays) if (d >= 1 && d + after < days) fitting.add(d);
        return fitting.isEmpty() ? planned : fitting.get(rng.nextInt(fitting.size()));
    }
}

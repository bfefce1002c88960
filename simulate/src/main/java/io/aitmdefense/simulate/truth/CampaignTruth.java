package io.aitmdefense.simulate.truth;

import java.util.List;

/**
 * One attack campaign: one technique and shared infrastructure, one or more victims. A kit that relays the sign-in
 * page has a {@code pageDomain} ("" for techniques without a proxied page, such as device-code phishing) and the users
 * it was shown to ({@code targeted}: every victim, and those who never signed in through it).
 */
public record CampaignTruth(String id, Technique technique, List<VictimTruth> victims, Infrastructure infrastructure,
                            String pageDomain, List<TargetedUser> targeted) {

    public CampaignTruth {
        pageDomain = pageDomain == null ? "" : pageDomain;
        targeted = targeted == null ? List.of() : List.copyOf(targeted);
    }

    /** A campaign without a proxied sign-in page. */
    public CampaignTruth(String id, Technique technique, List<VictimTruth> victims, Infrastructure infrastructure) {
        this(id, technique, victims, infrastructure, "", List.of());
    }
}

package io.aitmdefense.server.console;

import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.report.IncidentView;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.aitmdefense.model.SafeText.html;

/**
 * The attacker's timeline as server-side SVG: five kill-chain lanes down (proxy sign-in → replay → persistence →
 * collection → impact), time across, one numbered point per step at the time of its own action. Points, never
 * window bars: correlated alerts' windows overlap and hid when each thing happened. Points that would touch on a
 * lane are pushed right just enough to stay apart (their order is kept, and the numbers match the step list).
 */
final class AttackTimeline {
    /** The lanes a responder reads, each gathering the kill-chain stages that belong to it. */
    enum Lane {
        PROXY_SIGN_IN("proxy sign-in"), REPLAY("replay"), PERSISTENCE("persistence"), COLLECTION("collection"), IMPACT("impact");

        final String label;

        Lane(String label) {
            this.label = label;
        }

        static Lane of(KillChainStage stage) {
            return switch (stage) {
                case INITIAL_ACCESS, CREDENTIAL_CAPTURE, COOKIE_THEFT -> PROXY_SIGN_IN;
                case REPLAY -> REPLAY;
                case PERSISTENCE, DEFENSE_EVASION -> PERSISTENCE;
                case COLLECTION -> COLLECTION;
                case LATERAL_MOVEMENT, IMPACT -> IMPACT;
            };
        }
    }

    static final int LABEL = 120;
    static final int PLOT = 660;
    static final int LANE = 40;
    static final int RADIUS = 10;
    /** Centres closer than this on one lane would make two points one blob. */
    static final int GAP = 2 * RADIUS + 4;

    private AttackTimeline() {
    }

    /** The SVG for steps already in time order ({@link IncidentView#steps}). */
    static String svg(String user, List<IncidentView.Step> steps) {
        Instant from = steps.isEmpty() ? Instant.EPOCH : steps.get(0).time();
        Instant to = steps.isEmpty() ? Instant.EPOCH : steps.get(steps.size() - 1).time();
        long span = Math.max(1, Duration.between(from, to).toMillis());
        double[] x = new double[steps.size()];
        double[] laneLast = new double[Lane.values().length];
        java.util.Arrays.fill(laneLast, Double.NEGATIVE_INFINITY);
        double right = LABEL + PLOT;
        for (int k = 0; k < steps.size(); k++) {
            int lane = Lane.of(steps.get(k).stage()).ordinal();
            double at = LABEL + RADIUS + (PLOT - 2.0 * RADIUS) * Duration.between(from, steps.get(k).time()).toMillis() / span;
            x[k] = Math.max(at, laneLast[lane] + GAP);
            laneLast[lane] = x[k];
            right = Math.max(right, x[k] + RADIUS);
        }
        int width = (int) Math.ceil(right) + 16;
        int height = Lane.values().length * LANE + 40;
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg id=\"attack-timeline\" class=\"timeline\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" preserveAspectRatio=\"xMinYMin meet\">");
        b.append("<title>Attacker timeline of ").append(html(user)).append(": ").append(steps.size())
                .append(steps.size() == 1 ? " step" : " steps").append("</title>");
        for (Lane lane : Lane.values()) {
            int y = lane.ordinal() * LANE;
            b.append("<rect class=\"band band-").append(lane.ordinal() % 2).append("\" x=\"0\" y=\"").append(y)
                    .append("\" width=\"").append(width).append("\" height=\"").append(LANE).append("\"/>")
                    .append("<text class=\"lane\" x=\"8\" y=\"").append(y + LANE / 2 + 4).append("\">").append(lane.label)
                    .append("</text>");
        }
        int axis = Lane.values().length * LANE;
        b.append("<line class=\"axis\" x1=\"").append(LABEL).append("\" y1=\"").append(axis).append("\" x2=\"")
                .append(LABEL + PLOT).append("\" y2=\"").append(axis).append("\"/>");
        if (!steps.isEmpty()) {
            b.append("<text class=\"tick\" x=\"").append(LABEL).append("\" y=\"").append(axis + 16).append("\">")
                    .append(Layout.time(from)).append("</text>");
            if (to.isAfter(from)) {
                b.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(LABEL + PLOT).append("\" y=\"")
                        .append(axis + 16).append("\">").append(Layout.time(to)).append(" (")
                        .append(span(Duration.between(from, to))).append(" later)</text>");
            }
        }
        for (int k = 0; k < steps.size(); k++) {
            IncidentView.Step s = steps.get(k);
            Lane lane = Lane.of(s.stage());
            int cy = lane.ordinal() * LANE + LANE / 2;
            String cx = String.format(java.util.Locale.ROOT, "%.1f", x[k]);
            b.append("<g class=\"point sev-").append(s.alert().severity().label()).append("\" data-step=\"").append(k + 1)
                    .append("\" data-time=\"").append(s.time()).append("\" data-lane=\"").append(lane.label).append("\">")
                    .append("<title>").append(k + 1).append(". ").append(Layout.time(s.time())).append(" — ")
                    .append(html(s.alert().title())).append(": ").append(html(s.what())).append("</title>")
                    .append("<circle cx=\"").append(cx).append("\" cy=\"").append(cy).append("\" r=\"").append(RADIUS).append("\"/>")
                    .append("<text class=\"num\" text-anchor=\"middle\" x=\"").append(cx).append("\" y=\"").append(cy + 4)
                    .append("\">").append(k + 1).append("</text></g>");
        }
        return b.append("</svg>").toString();
    }

    static String span(Duration d) {
        if (d.toDays() >= 2) return d.toDays() + " days";
        if (d.toHours() >= 2) return d.toHours() + " h";
        if (d.toMinutes() >= 1) return d.toMinutes() + " min";
        return d.toSeconds() + " s";
    }
}

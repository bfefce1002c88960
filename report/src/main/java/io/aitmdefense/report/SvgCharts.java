package io.aitmdefense.report;

import io.aitmdefense.model.KillChainStage;
import io.aitmdefense.model.Severity;
import io.aitmdefense.model.incident.Incident;

import io.aitmdefense.model.SafeText;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML report. No xmlns and no external fonts or images: the report never fetches anything.
 */
final class SvgCharts {
    private static final int LABEL_WIDTH = 140;
    private static final int PLOT_WIDTH = 600;
    private static final int ROW = 22;

    private SvgCharts() {
    }

    static String colour(Severity s) {
        return switch (s) {
            case CRITICAL -> "#b3001b";
            case HIGH -> "#d9480f";
            case MEDIUM -> "#c99700";
            case LOW -> "#2f6fd0";
            case NOTICE -> "#5c7f99";
            case INFO -> "#777777";
        };
    }

    /**
     * Kill-chain stages down, time across: one point per step at the time of its own action, on its stage's lane,
     * joined in time order so the progression of the attack reads left to right. Points, not window bars: windows of
     * correlated alerts overlap and hid when each thing happened.
     */
    static String timeline(Incident incident, List<IncidentView.Step> steps) {
        KillChainStage[] stages = KillChainStage.values();
        Instant from = steps.isEmpty() ? incident.start() : steps.get(0).time();
        Instant to = steps.isEmpty() ? incident.end() : steps.get(steps.size() - 1).time();
        if (!to.isAfter(from)) {
            from = from.minus(Duration.ofMinutes(1));
            to = to.plus(Duration.ofMinutes(1));
        }
        long span = Duration.between(from, to).toMillis();
        int height = stages.length * ROW + 34;
        int width = LABEL_WIDTH + PLOT_WIDTH + 20;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"timeline\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\">");
        b.append("<title>Kill-chain timeline of ").append(SafeText.html(incident.user())).append("</title>");
        for (int r = 0; r < stages.length; r++) {
            int y = r * ROW + ROW / 2 + 4;
            boolean hit = incident.stages().contains(stages[r]);
            b.append("<line x1=\"").append(LABEL_WIDTH).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(LABEL_WIDTH + PLOT_WIDTH).append("\" y2=\"").append(y).append("\" class=\"grid\"/>");
            b.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\" class=\"").append(hit ? "stage hit" : "stage").append("\">")
                    .append(stages[r].label()).append("</text>");
        }
        int axis = stages.length * ROW + 8;
        for (int k = 0; k <= 2; k++) {
            Instant t = from.plusMillis(span * k / 2);
            int x = LABEL_WIDTH + PLOT_WIDTH * k / 2;
            String anchor = k == 0 ? "start" : k == 2 ? "end" : "middle";
            b.append("<text x=\"").append(x).append("\" y=\"").append(axis + 14).append("\" text-anchor=\"")
                    .append(anchor).append("\" class=\"tick\">").append(Text.time(t)).append("</text>");
        }
        List<int[]> points = new ArrayList<>();
        for (IncidentView.Step step : steps) {
            int y = step.stage().ordinal() * ROW + ROW / 2 + 4;
            int x = x(step.time(), from, span);
            points.add(new int[] {x, y});
        }
        if (points.size() > 1) {
            b.append("<polyline class=\"chain\" points=\"");
            for (int[] p : points) b.append(p[0]).append(',').append(p[1]).append(' ');
            b.append("\"/>");
        }
        for (int k = 0; k < steps.size(); k++) {
            IncidentView.Step step = steps.get(k);
            String tip = Text.time(step.time()) + " " + step.alert().title() + ": " + step.what()
                    + " (" + step.alert().severity().label() + ")";
            b.append("<circle class=\"step\" cx=\"").append(points.get(k)[0]).append("\" cy=\"").append(points.get(k)[1])
                    .append("\" r=\"5\" fill=\"").append(colour(step.alert().severity())).append("\"><title>")
                    .append(SafeText.html(tip)).append("</title></circle>");
        }
        b.append("</svg>");
        return b.toString();
    }

    private static int x(Instant t, Instant from, long span) {
        double f = span <= 0 ? 0.5 : (double) Duration.between(from, t).toMillis() / span;
        return LABEL_WIDTH + (int) Math.round(Math.max(0, Math.min(1, f)) * PLOT_WIDTH);
    }

    /** A horizontal bar per label; bars scale to the largest value. */
    static String bars(String title, List<Bar> bars) {
        int labelWidth = 200, plot = 320;
        int height = Math.max(1, bars.size()) * ROW + 8;
        int max = bars.stream().mapToInt(Bar::value).max().orElse(0);
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"bars\" role=\"img\" viewBox=\"0 0 ").append(labelWidth + plot + 50).append(' ').append(height)
                .append("\" width=\"").append(labelWidth + plot + 50).append("\" height=\"").append(height).append("\">");
        b.append("<title>").append(SafeText.html(title)).append("</title>");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * ROW + 4;
            int w = max == 0 ? 0 : (int) Math.round((double) bar.value() * plot / max);
            b.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 13)
                    .append("\" text-anchor=\"end\">").append(SafeText.html(bar.label())).append("</text>");
            b.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y).append("\" width=\"").append(w)
                    .append("\" height=\"16\" fill=\"").append(bar.colour()).append("\"/>");
            b.append("<text x=\"").append(labelWidth + w + 6).append("\" y=\"").append(y + 13).append("\">")
                    .append(bar.value()).append("</text>");
        }
        b.append("</svg>");
        return b.toString();
    }

    record Bar(String label, int value, String colour) {
        Bar {
            if (!colour.toLowerCase(Locale.ROOT).matches("#[0-9a-f]{6}")) throw new IllegalArgumentException("colour " + colour);
        }
    }
}

package io.aitmdefense.detect.detections;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SecurityAlert;
import io.aitmdefense.events.read.EventSink;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many of Microsoft's alerts a run read, how many {@link MicrosoftAlertDetection} uses and why the rest were left
 * aside, with the titles left aside most often: a user who feeds in every Defender alert sees that the others were
 * read, not lost. Rows are counted (an alert exported as several rows counts several times). Thread-safe: the reader
 * hands events from several threads.
 */
public final class MicrosoftAlertTally implements EventSink {
    private final MicrosoftAlertTopics topics;
    private final Map<MicrosoftAlertTopics.Verdict, Long> verdicts = new EnumMap<>(MicrosoftAlertTopics.Verdict.class);
    private final Map<String, Long> ignoredTitles = new TreeMap<>();

    public MicrosoftAlertTally(DetectConfig config) {
        this.topics = MicrosoftAlertTopics.of(config);
    }

    @Override
    public synchronized void accept(Event event) {
        if (!(event instanceof SecurityAlert a)) return;
        MicrosoftAlertTopics.Verdict v = topics.verdict(a);
        verdicts.merge(v, 1L, Long::sum);
        if (v == MicrosoftAlertTopics.Verdict.NOT_ABOUT_IDENTITY) ignoredTitles.merge(a.title(), 1L, Long::sum);
    }

    public synchronized long count(MicrosoftAlertTopics.Verdict verdict) {
        return verdicts.getOrDefault(verdict, 0L);
    }

    public synchronized long total() {
        return verdicts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for people, or "" when no Microsoft alert was read. */
    public synchronized String summary() {
        if (total() == 0) return "";
        StringBuilder b = new StringBuilder().append(total()).append(" Microsoft alert row(s) read: ")
                .append(count(MicrosoftAlertTopics.Verdict.USED)).append(" used by ").append(MicrosoftAlertDetection.ID);
        List<String> aside = new ArrayList<>();
        if (count(MicrosoftAlertTopics.Verdict.NOT_ABOUT_IDENTITY) > 0) {
            List<String> top = ignoredTitles.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(3).map(e -> "'" + e.getKey() + "' ×" + e.getValue()).toList();
            aside.add(count(MicrosoftAlertTopics.Verdict.NOT_ABOUT_IDENTITY) + " not about phishing, session theft or the mailbox ("
                    + String.join(", ", top) + (ignoredTitles.size() > 3 ? ", …" : "") + ")");
        }
        if (count(MicrosoftAlertTopics.Verdict.DISMISSED) > 0) {
            aside.add(count(MicrosoftAlertTopics.Verdict.DISMISSED) + " dismissed or classified benign");
        }
        if (count(MicrosoftAlertTopics.Verdict.NO_USER) > 0) {
            aside.add(count(MicrosoftAlertTopics.Verdict.NO_USER) + " without a user in the row");
        }
        if (!aside.isEmpty()) b.append("; ignored: ").append(String.join("; ", aside));
        return b.append('.').toString();
    }
}

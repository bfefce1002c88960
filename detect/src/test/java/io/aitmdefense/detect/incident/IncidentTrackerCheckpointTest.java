package io.aitmdefense.detect.incident;

import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.events.Event;
import io.aitmdefense.model.Alert;
import io.aitmdefense.model.incident.IncidentSet;
import io.aitmdefense.model.incident.IncidentUpdate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.aitmdefense.detect.incident.TestAlerts.*;
import static io.aitmdefense.events.SampleEvents.office;
import static io.aitmdefense.events.SampleEvents.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tracker restored from a checkpoint and fed the rest of the stream says and holds what an uninterrupted one does. */
class IncidentTrackerCheckpointTest {

    /** Alerts and events as a live service sees them: notices, merges, a campaign growing, activity before and after. */
    static List<Object> stream() {
        return List.of(
                signIn().user("alice@contoso.com").ip(DO_IP).geo("Amsterdam", "NL", 52.37, 4.89).at(T0).build(),
                office("New-InboxRule").user("alice@contoso.com").ip(DO_IP).at(T0.plusSeconds(60)).build(),
                office("MailItemsAccessed").user("dave@contoso.com").ip(DO_IP).at(T0.plusSeconds(120)).build(),
                travel("carol@contoso.com", T0, ISP_IP_A),
                hosting("alice@contoso.com", T0, DO_IP, PYTHON),
                replay("alice@contoso.com", T0.plusSeconds(600), DO_IP),
                office("Send").user("alice@contoso.com").ip(DO_IP).at(T0.plusSeconds(3600)).build(),
                persistence("alice@contoso.com", T0.plusSeconds(1200), DO_IP),
                replay("bob@contoso.com", T0.plusSeconds(3600), DO_IP),
                office("MailItemsAccessed").user("erin@contoso.com").ip(DO_IP).at(T0.plusSeconds(4000)).build(),
                replay("carol@contoso.com", T0.plusSeconds(900), ISP_IP_A),
                replay("alice@contoso.com", T0.plus(Duration.ofHours(50)), DO_IP_2),
                persistence("alice@contoso.com", T0.plus(Duration.ofHours(26)), DO_IP_2));
    }

    static void feed(IncidentTracker t, Object step) {
        if (step instanceof Alert a) t.accept(a);
        else t.observe((Event) step);
    }

    @Test
    void restoringAtEveryPointOfTheStreamGivesTheUninterruptedUpdatesAndIncidents() throws IOException {
        List<Object> stream = stream();
        List<IncidentUpdate> all = new ArrayList<>();
        IncidentTracker straight = new IncidentTracker(DetectConfig.defaults(), ENRICHMENT, all::add);
        List<Integer> updatesBefore = new ArrayList<>();
        for (Object step : stream) {
            updatesBefore.add(all.size());
            feed(straight, step);
        }
        IncidentSet expected = straight.snapshot();
        // alice's later attack came from the campaign's hosting network: one incident for her, merged mid-stream
        assertThat(expected.incidents()).hasSize(3);
        assertThat(expected.campaigns()).isNotEmpty();
        assertThat(expected.incidents()).anySatisfy(i -> assertThat(i.attackerActivity()).isNotEmpty());

        for (int cut = 0; cut <= stream.size(); cut++) {
            IncidentTracker first = new IncidentTracker(DetectConfig.defaults(), ENRICHMENT, u -> { });
            for (Object step : stream.subList(0, cut)) feed(first, step);

            List<IncidentUpdate> after = new ArrayList<>();
            IncidentTracker restored = IncidentTracker.restore(first.checkpoint(), DetectConfig.defaults(), ENRICHMENT, after::add);
            for (Object step : stream.subList(cut, stream.size())) feed(restored, step);

            int from = cut < stream.size() ? updatesBefore.get(cut) : all.size();
            assertThat(after).as("updates after a cut at step %d", cut).isEqualTo(all.subList(from, all.size()));
            assertThat(restored.snapshot()).as("incidents after a cut at step %d", cut).isEqualTo(expected);
        }
    }

    @Test
    void aCheckpointOfAnotherVersionIsRefusedWithTheVersionsNamed() {
        byte[] checkpoint = new IncidentTracker(DetectConfig.defaults(), ENRICHMENT, u -> { }).checkpoint();
        checkpoint[3] = 99;

        assertThatThrownBy(() -> IncidentTracker.restore(checkpoint, DetectConfig.defaults(), ENRICHMENT, u -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("version 99");
    }
}

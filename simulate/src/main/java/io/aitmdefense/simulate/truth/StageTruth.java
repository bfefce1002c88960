package io.aitmdefense.simulate.truth;

import java.util.List;

/** When a victim went through a stage (time of its first record) and the records that show it. */
public record StageTruth(Stage stage, String time, List<EventRef> events) {
}

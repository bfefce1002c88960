package io.aitmdefense.flink;

import io.aitmdefense.flink.detect.TenantFile;
import io.aitmdefense.flink.io.Message;
import io.aitmdefense.model.Alert;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task fails mid-stream after a checkpoint; Flink restores the detections' state (through our serializers and the
 * catalogue's codecs) and goes on: every alert of an uninterrupted run arrives, and nothing else.
 */
class FlinkRecoveryTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger STARTS = new AtomicInteger();
    static final AtomicInteger PASSED_BEFORE_FAILURE = new AtomicInteger();

    @Test
    void aTaskFailureAfterACheckpointLosesNoAlert() throws Exception {
        TenantFile tenants = ExampleStream.tenantFile();
        List<Message> stream = ExampleStream.shuffled(ExampleStream.records(), 11, 60);
        List<Alert> local = ExampleStream.localAlerts(stream, tenants);
        assertThat(local).hasSizeGreaterThan(8);

        Configuration conf = AitmJob.configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        JobSettings settings = JobSettings.of(tenants);
        var messages = env.fromData(stream, AitmJob.MESSAGES)
                .map(new FailOnceAfterACheckpoint(stream.size() / 3), AitmJob.MESSAGES).setParallelism(1);
        var out = AitmJob.build(AitmJob.events(messages, settings), env.fromData(List.of("tenants: []"), Types.STRING), settings);
        List<Alert> flink = new ArrayList<>();
        try (var it = out.alerts().executeAndCollect("recovery")) {
            it.forEachRemaining(flink::add);
        }

        assertThat(FAILED).as("the injected failure happened").isTrue();
        assertThat(PASSED_BEFORE_FAILURE.get()).as("mid-stream").isBetween(1, stream.size() - 1);
        assertThat(STARTS.get()).as("the task was restarted").isGreaterThanOrEqualTo(2);
        // at least once: a replayed alert has the same id, so the ids are the whole comparison
        assertThat(FlinkEqualityTest.ids(flink)).isEqualTo(FlinkEqualityTest.ids(local));
    }

    /** Passes messages on (slowly, so checkpoints complete mid-stream) and fails once, after a checkpoint and {@code after} messages. */
    static final class FailOnceAfterACheckpoint extends RichMapFunction<Message, Message> implements CheckpointListener {
        private final int after;
        private transient int seen;

        FailOnceAfterACheckpoint(int after) {
            this.after = after;
        }

        @Override
        public void open(OpenContext context) {
            STARTS.incrementAndGet();
        }

        @Override
        public Message map(Message m) throws Exception {
            if (!FAILED.get()) {
                Thread.sleep(0, 200_000);
                if (++seen >= after && CHECKPOINTED.get()) {
                    PASSED_BEFORE_FAILURE.set(seen);
                    FAILED.set(true);
                    throw new IllegalStateException("injected task failure");
                }
            }
            return m;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }
}

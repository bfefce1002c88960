package io.aitmdefense.flink;

import io.aitmdefense.events.Event;
import io.aitmdefense.flink.detect.DetectionFunction;
import io.aitmdefense.flink.detect.IncidentChange;
import io.aitmdefense.flink.detect.IncidentFunction;
import io.aitmdefense.flink.detect.KeyedEvent;
import io.aitmdefense.flink.detect.UserKeying;
import io.aitmdefense.flink.io.Message;
import io.aitmdefense.flink.io.RawRecords;
import io.aitmdefense.flink.wire.CodecType;
import io.aitmdefense.flink.wire.Codecs;
import io.aitmdefense.model.Alert;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The one definition of the Flink job, used by the tests (bounded sources, {@code executeAndCollect}) and by
 * {@link JobCommand} on a cluster (Kafka in and out):
 * <pre>
 *   events ─ UserKeying ─ keyBy(tenant/user) ─┬─ DetectionFunction ─ alerts ─ IncidentFunction (1 subtask) ─ incident changes
 *   tenant updates ─ broadcast ───────────────┘                     └ late events
 * </pre>
 */
public final class AitmJob {
    public static final TypeInformation<Event> EVENTS = new CodecType<>(Event.class, Codecs.EVENT);
    public static final TypeInformation<Alert> ALERTS = new CodecType<>(Alert.class, Codecs.ALERT);
    public static final TypeInformation<KeyedEvent> KEYED = new CodecType<>(KeyedEvent.class, Codecs.KEYED_EVENT);
    public static final TypeInformation<Message> MESSAGES = new CodecType<>(Message.class, Codecs.MESSAGE);
    public static final TypeInformation<IncidentChange> INCIDENTS = new CodecType<>(IncidentChange.class, Codecs.INCIDENT_CHANGE);

    /** What the job produces. */
    public record Results(DataStream<Alert> alerts, DataStream<IncidentChange> incidents, DataStream<KeyedEvent> late) {
    }

    private AitmJob() {
    }

    /**
     * The settings every run of the job has: generic types off, so a type that would silently fall back to Kryo (and
     * to a checkpoint format we do not control) fails when the job is built instead.
     */
    public static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return conf;
    }

    /**
     * Wires the detections and incidents onto {@code events}, which carry timestamps and watermarks
     * ({@link JobSettings#watermarks}), with {@code tenantUpdates} (tenant entries or tenant files, {@code TenantFile#updates})
     * broadcast to every subtask.
     */
    public static Results build(DataStream<Event> events, DataStream<String> tenantUpdates, JobSettings settings) {
        DataStream<KeyedEvent> keyed = events.flatMap(new UserKeying(), KEYED)
                .name("key by tenant and user").uid("aitm-keying")
                .setParallelism(events.getParallelism());
        BroadcastStream<String> tenants = tenantUpdates.broadcast(DetectionFunction.TENANTS);
        SingleOutputStreamOperator<Alert> alerts = keyed
                .keyBy(KeyedEvent::key, Types.STRING)
                .connect(tenants)
                .process(new DetectionFunction(settings.tenants(), settings.lateness()), ALERTS)
                .name("detections").uid("aitm-detections");
        DataStream<IncidentChange> incidents = alerts
                .process(new IncidentFunction(settings.tenants()), INCIDENTS)
                .name("incidents").uid("aitm-incidents")
                .setParallelism(1).setMaxParallelism(1);
        return new Results(alerts, incidents, alerts.getSideOutput(DetectionFunction.LATE));
    }

    /** Messages of raw log records (envelopes or single rows) mapped to events, with event time and watermarks. */
    public static DataStream<Event> events(DataStream<Message> messages, JobSettings settings) {
        return messages.<Event>flatMap((m, out) -> RawRecords.map(m.value().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        m.where(), out::collect), EVENTS)
                .name("map records").uid("aitm-records")
                .setParallelism(messages.getParallelism())
                .assignTimestampsAndWatermarks(settings.watermarks())
                .setParallelism(messages.getParallelism());
    }

    /** An environment with {@link #configuration()} applied (the cluster's or a local one). */
    public static StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.getExecutionEnvironment(configuration());
    }

    public static void main(String[] args) {
        int code = JobCommand.run(args);
        // no exit on success: in application mode main runs inside the JobManager
        if (code != 0) System.exit(code);
    }
}

package io.aitmdefense.flink;

import io.aitmdefense.events.Event;
import io.aitmdefense.flink.detect.TenantFile;
import io.aitmdefense.flink.io.AlertRecords;
import io.aitmdefense.flink.io.IncidentRecords;
import io.aitmdefense.flink.io.RecordsDeserializer;
import io.aitmdefense.flink.io.StoreSink;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code flink run -c io.aitmdefense.flink.AitmJob aitm-flink.jar --kafka … --topic … --tenants tenant.yaml}. */
@Command(name = "aitm-flink",
        header = "Run the AiTM Defense detections as a Flink job: Kafka in, alerts and incident updates out.",
        description = {
                "Reads log records from Kafka topics (Event Hubs through its Kafka endpoint:",
                "{\"records\":[…]} envelopes, or single rows of any shape 'aitm detect' reads),",
                "runs every enabled detection keyed by tenant and user, and writes alerts and",
                "incident updates to Kafka (at least once; alert and incident ids are stable, so",
                "consumers keep the first) and, with --jdbc, into the database 'aitm serve' uses.",
                "",
                "Tenant contexts can change while the job runs: send a tenant entry",
                "({id: …, trustedCidrs: […]}) or a whole tenant file to --tenant-updates-topic.",
                "docs/flink.md covers deployment, sizing, checkpoints and Event Hubs.",
                ""},
        sortOptions = false, usageHelpAutoWidth = true)
public final class JobCommand implements Callable<Integer> {

    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (Event Hubs: <namespace>.servicebus.windows.net:9093).")
    String kafka;

    @Option(names = "--topic", required = true, paramLabel = "NAME", split = ",",
            description = "Topics (event hubs) of log records; repeat or separate with commas.")
    List<String> topics;

    @Option(names = "--tenants", paramLabel = "FILE",
            description = "The tenant file (aitm detect --config): tenant contexts, detection thresholds, engine.allowedLateness.")
    Optional<Path> tenants;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Client properties for every Kafka connection (SASL for Event Hubs); kept out of the command line, so the connection string is not in the process list.")
    Optional<Path> kafkaConfig;

    @Option(names = "--group", paramLabel = "ID", description = "Consumer group of the source (default ${DEFAULT-VALUE}).")
    String group = "aitm-flink";

    @Option(names = "--alerts-topic", paramLabel = "NAME", description = "Where alerts go (default ${DEFAULT-VALUE}).")
    String alertsTopic = "aitm-alerts";

    @Option(names = "--incidents-topic", paramLabel = "NAME", description = "Where incident updates go (default ${DEFAULT-VALUE}).")
    String incidentsTopic = "aitm-incidents";

    @Option(names = "--tenant-updates-topic", paramLabel = "NAME", description = "Tenant entries or files that change tenant contexts while the job runs.")
    Optional<String> tenantUpdatesTopic;

    @Option(names = "--jdbc", paramLabel = "URL",
            description = "Also store alerts and incidents in this database (jdbc:postgresql://…), the one 'aitm serve' reads.")
    Optional<String> jdbc;

    @Option(names = "--lateness", paramLabel = "DURATION",
            description = "Process events up to this far behind the watermark (default ${DEFAULT-VALUE}; ISO-8601, e.g. PT1H).")
    Duration lateness = Duration.ZERO;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", description = "Checkpoint every (default ${DEFAULT-VALUE}).")
    Duration checkpointInterval = Duration.ofMinutes(1);

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    static int run(String[] args) {
        return commandLine().execute(args);
    }

    /** The command; a bad tenant file or Kafka config is one line naming the file (and line, key), not a stack trace. */
    static CommandLine commandLine() {
        return new CommandLine(new JobCommand())
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    if (!(e instanceof IOException || e instanceof IllegalArgumentException)) throw e;
                    cl.getErr().println("aitm-flink: " + e.getMessage());
                    return 2;
                });
    }

    @Override
    public Integer call() throws Exception {
        StreamExecutionEnvironment env = AitmJob.environment();
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        define(env, false);
        env.execute("aitm detections (" + String.join(",", topics) + ")");
        return 0;
    }

    /**
     * Puts the job onto {@code env}: the Kafka source, {@link AitmJob#build}, the sinks. {@code bounded}: read the
     * topics up to their current end and stop (tests).
     */
    void define(StreamExecutionEnvironment env, boolean bounded) throws IOException {
        TenantFile file = tenants.isPresent() ? TenantFile.read(tenants.get()) : TenantFile.none();
        JobSettings settings = JobSettings.of(file).withLateness(lateness);
        Properties client = clientProperties();
        var builder = KafkaSource.<Event>builder()
                .setBootstrapServers(kafka).setTopics(topics).setGroupId(group)
                .setProperties(client)
                // Event Hubs' recommended client settings (Azure closes idle connections after 240 s)
                .setProperty("metadata.max.age.ms", client.getProperty("metadata.max.age.ms", "180000"))
                .setProperty("connections.max.idle.ms", client.getProperty("connections.max.idle.ms", "180000"))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RecordsDeserializer());
        if (bounded) builder.setBounded(OffsetsInitializer.latest());
        DataStream<Event> events = env.fromSource(builder.build(), settings.watermarks(), "log records", AitmJob.EVENTS).uid("aitm-source");
        AitmJob.Results out = AitmJob.build(events, tenantUpdates(env, client), settings);

        out.alerts().sinkTo(KafkaSink.<io.aitmdefense.model.Alert>builder().setBootstrapServers(kafka).setKafkaProducerConfig(client)
                .setRecordSerializer(new AlertRecords(alertsTopic)).setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build())
                .name("alerts to Kafka").uid("aitm-alerts-kafka");
        out.incidents().sinkTo(KafkaSink.<io.aitmdefense.flink.detect.IncidentChange>builder().setBootstrapServers(kafka)
                        .setKafkaProducerConfig(client).setRecordSerializer(new IncidentRecords(incidentsTopic))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build())
                .name("incidents to Kafka").uid("aitm-incidents-kafka").setParallelism(1);
        if (jdbc.isPresent()) {
            out.alerts().sinkTo(StoreSink.alerts(jdbc.get())).name("alerts to the store").uid("aitm-alerts-jdbc");
            out.incidents().sinkTo(StoreSink.incidents(jdbc.get())).name("incidents to the store").uid("aitm-incidents-jdbc").setParallelism(1);
        }
    }

    private DataStream<String> tenantUpdates(StreamExecutionEnvironment env, Properties client) {
        if (tenantUpdatesTopic.isEmpty()) {
            return env.fromData(List.of("tenants: []"), Types.STRING).name("no tenant updates").uid("aitm-tenant-updates");
        }
        KafkaSource<String> updates = KafkaSource.<String>builder().setBootstrapServers(kafka)
                .setTopics(tenantUpdatesTopic.get()).setGroupId(group + "-tenants").setProperties(client)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new SimpleStringSchema()).build();
        return env.fromSource(updates, neverHoldsBack(), "tenant updates", Types.STRING).uid("aitm-tenant-updates");
    }

    /** The tenant updates carry no event time: their input must never hold the detections' watermark back. */
    static WatermarkStrategy<String> neverHoldsBack() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(String event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }

    private Properties clientProperties() throws IOException {
        Properties p = new Properties();
        if (kafkaConfig.isPresent()) {
            try (InputStream in = Files.newInputStream(kafkaConfig.get())) {
                p.load(in);
            }
        }
        return p;
    }
}

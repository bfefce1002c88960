package io.aitmdefense.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.flink.io.IncidentRecords;
import io.aitmdefense.flink.io.Message;
import io.aitmdefense.model.Alert;
import io.aitmdefense.store.Database;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job as {@code main} wires it, against a real broker in this JVM (KRaft test kit): Event Hubs envelopes on two
 * partitions in, the local engine's alerts out on the alerts topic, incident updates on the incidents topic, and both
 * in the store {@code aitm serve} reads.
 */
class FlinkKafkaTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    static final ObjectMapper JSON = new ObjectMapper();
    static KafkaClusterTestKit kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                // one broker: the source's consumer group needs its offsets topic on it
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void eventHubsEnvelopesInAlertsAndIncidentsOut(@TempDir Path dir) throws Exception {
        String in = "insights-logs-signinlogs";
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(in, 2, (short) 1), new NewTopic("aitm-alerts", 2, (short) 1),
                    new NewTopic("aitm-incidents", 1, (short) 1))).all().get();
        }
        List<Message> stream = ExampleStream.shuffled(ExampleStream.records(), 3, 30);
        List<String> envelopes = ExampleStream.envelopes(stream, 5);
        // the reference reads the same envelopes under the names the source gives them: topic/partition@offset
        List<Message> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "key.serializer", ByteArraySerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName()))) {
            for (int i = 0; i < envelopes.size(); i++) {
                var meta = producer.send(new ProducerRecord<>(in, i % 2, null, envelopes.get(i).getBytes(StandardCharsets.UTF_8))).get();
                sent.add(new Message(in + "/" + meta.partition() + "@" + meta.offset(), envelopes.get(i)));
            }
        }
        List<Alert> local = ExampleStream.localAlerts(sent, ExampleStream.tenantFile());
        assertThat(local).hasSizeGreaterThan(8);

        String jdbc = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("aitm") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Database.open(jdbc).close(); // migrated once before the sinks' writers open it side by side
        JobCommand job = new JobCommand();
        new CommandLine(job).parseArgs("--kafka", kafka.bootstrapServers(), "--topic", in,
                "--tenants", ExampleStream.TENANTS.toString(), "--jdbc", jdbc);
        StreamExecutionEnvironment env = AitmJob.environment();
        env.setParallelism(2);
        job.define(env, true);
        env.execute("kafka end to end");

        List<ConsumerRecord<byte[], byte[]>> alerts = readAll("aitm-alerts");
        TreeSet<String> ids = new TreeSet<>();
        for (var r : alerts) {
            String id = new String(r.key(), StandardCharsets.UTF_8);
            ids.add(id);
            assertThat(JSON.readTree(r.value()).path("id").asText()).as("the value is the alert, keyed by its id").isEqualTo(id);
        }
        assertThat(ids).isEqualTo(FlinkEqualityTest.ids(local));

        List<ConsumerRecord<byte[], byte[]>> incidents = readAll("aitm-incidents");
        assertThat(incidents).isNotEmpty();
        var first = JSON.readTree(incidents.get(0).value());
        assertThat(first.path("schema").asText()).isEqualTo(IncidentRecords.SCHEMA);
        assertThat(first.path("changes").toString()).contains("CREATED");

        try (Database db = Database.open(jdbc)) {
            assertThat(db.alerts().count()).as("each alert stored once").isEqualTo(ids.size());
            TreeSet<String> stored = new TreeSet<>();
            db.alerts().all().forEach(a -> stored.add(a.id()));
            assertThat(stored).isEqualTo(ids);
            TreeSet<String> incidentIds = new TreeSet<>();
            for (var r : incidents) incidentIds.add(new String(r.key(), StandardCharsets.UTF_8));
            for (String id : incidentIds) assertThat(db.incidents().get(id)).as("incident " + id + " stored").isPresent();
        }
    }

    /** Every record of a topic, up to its end offsets as they are now. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "key.deserializer", ByteArrayDeserializer.class.getName(), "value.deserializer", ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) c.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }
}

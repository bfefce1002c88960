package io.aitmdefense.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.SignIn;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka source against a real broker in this JVM (KRaft test kit), fed Event Hubs-shaped envelopes. */
class KafkaTopicSourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static KafkaClusterTestKit kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void envelopesOnTwoPartitionsAreReadOnceAndARestoredSourceReadsOnlyWhatFollows() throws Exception {
        String topic = "insights-logs-signinlogs";
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        List<String> envelopes = envelopes(Path.of("examples/tenant-contoso/logs/eh/insights-logs-signinlogs/2026-01-08.json.gz"), 5);
        assertThat(envelopes).hasSizeGreaterThan(6);
        send(topic, envelopes.subList(0, 6));

        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        List<Event> got = new ArrayList<>();
        String position;
        try (KafkaTopicSource source = new KafkaTopicSource(topic, props, Clock.systemUTC())) {
            for (int i = 0; i < 50 && got.size() < 30; i++) source.poll(got::add);
            position = source.position();
            assertThat(source.status().lastError()).isEmpty();
        }
        assertThat(got).hasSize(30).allMatch(e -> e instanceof SignIn);

        send(topic, envelopes.subList(6, 7));
        List<Event> after = new ArrayList<>();
        try (KafkaTopicSource restarted = new KafkaTopicSource(topic, props, Clock.systemUTC())) {
            restarted.restore(position);
            for (int i = 0; i < 50 && after.size() < 5; i++) restarted.poll(after::add);
            for (int i = 0; i < 3; i++) restarted.poll(after::add);
        }
        assertThat(after).as("only the envelope sent after the position").hasSize(5);
        assertThat(after).extracting(e -> ((SignIn) e).id()).doesNotContainAnyElementsOf(
                got.stream().map(e -> ((SignIn) e).id()).toList());
    }

    /** The export's records regrouped into envelopes of {@code size}, as diagnostic settings send them. */
    private static List<String> envelopes(Path file, int size) throws Exception {
        JsonNode all;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            all = JSON.readTree(in).get("records");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i + size <= all.size(); i += size) {
            StringBuilder b = new StringBuilder("{\"records\":[");
            for (int j = i; j < i + size; j++) b.append(j > i ? "," : "").append(JSON.writeValueAsString(all.get(j)));
            out.add(b.append("]}").toString());
        }
        return out;
    }

    private static void send(String topic, List<String> values) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            int i = 0;
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, i++ % 2, null, v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }
}

package io.aitmdefense.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.events.Event;
import io.aitmdefense.events.Source;
import io.aitmdefense.events.read.json.JsonRow;
import io.aitmdefense.events.read.map.RecordMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads a Kafka topic whose values are diagnostic-settings envelopes ({@code {"records":[…]}}) — an Event Hub through
 * its Kafka endpoint, or any topic carrying the same values (single log rows work too). Partitions are assigned, not
 * joined through a consumer group: the offsets to resume from are the position saved with the engine's snapshot, so
 * a restart re-reads exactly what the restored state has not seen. Offsets are never committed to the broker ahead of
 * that snapshot.
 */
public final class KafkaTopicSource implements LiveSource, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final Map<Integer, Long> next = new TreeMap<>();
    private boolean assigned;
    private final Delivery delivery = new Delivery();
    private Instant lastPoll;
    private String lastError;

    /**
     * @param properties client settings: {@code bootstrap.servers} and, for Event Hubs, {@code security.protocol=SASL_SSL},
     *                   {@code sasl.mechanism=PLAIN} and the JAAS config with {@code $ConnectionString}
     */
    public KafkaTopicSource(String topic, Properties properties, Clock clock) {
        this.topic = topic;
        this.clock = clock;
        Properties p = new Properties();
        // Azure closes idle connections after 240 s; Microsoft's recommended client settings for Event Hubs
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "180000");
        p.put(ConsumerConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG, "180000");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "60000");
        p.putAll(properties);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
    }

    @Override
    public String name() {
        return "kafka:" + topic;
    }

    @Override
    public int poll(Consumer<Event> out) {
        lastPoll = clock.instant();
        int n = 0;
        try {
            if (!assigned && !assign()) return 0;
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> r : records) {
                n += deliver(r, out);
                next.put(r.partition(), r.offset() + 1);
            }
            lastError = null;
        } catch (RuntimeException e) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return n;
    }

    /** Takes every partition of the topic, each from its saved offset or from the earliest. */
    private boolean assign() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (partitions == null || partitions.isEmpty()) {
            lastError = "topic " + topic + " has no partitions (does it exist?)";
            return false;
        }
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo p : partitions) tps.add(new TopicPartition(topic, p.partition()));
        consumer.assign(tps);
        for (TopicPartition tp : tps) {
            Long offset = next.get(tp.partition());
            if (offset != null) consumer.seek(tp, offset);
            else consumer.seekToBeginning(List.of(tp));
        }
        assigned = true;
        return true;
    }

    private int deliver(ConsumerRecord<byte[], byte[]> r, Consumer<Event> out) {
        String where = name() + "/" + r.partition() + "@" + r.offset();
        JsonNode value;
        try {
            value = JSON.readTree(r.value());
        } catch (IOException | RuntimeException e) {
            delivery.rejected(1);
            lastError = where + ": not JSON";
            return 0;
        }
        List<JsonNode> rows = new ArrayList<>();
        if (value != null && value.path("records").isArray()) value.get("records").forEach(rows::add);
        else if (value != null && value.isObject()) rows.add(value);
        int n = 0;
        long line = 0;
        for (JsonNode row : rows) n += delivery.record(row, new Source(where, ++line), out);
        return n;
    }

    @Override
    public String position() {
        ObjectNode p = JSON.createObjectNode();
        next.forEach((partition, offset) -> p.put(String.valueOf(partition), offset));
        return p.toString();
    }

    @Override
    public void restore(String position) {
        try {
            next.clear();
            JsonNode p = JSON.readTree(position);
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                next.put(Integer.parseInt(e.getKey()), e.getValue().asLong());
            }
            assigned = false;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a Kafka position: " + e.getMessage(), e);
        }
    }

    @Override
    public SourceStatus status() {
        return delivery.status(name(), "kafka", lastPoll, lastError);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

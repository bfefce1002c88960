package io.aitmdefense.flink.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aitmdefense.flink.detect.IncidentChange;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Incident updates as Kafka records, keyed by incident id so that one incident's updates stay in order on one partition
 * and a compacted topic keeps each incident's latest state. The value is {@value #SCHEMA}: {@code changes} (CREATED,
 * ALERT_ADDED, SEVERITY_RAISED, STAGE_ADDED, CAMPAIGN_LINKED) and {@code incident}, the object {@code aitm.incidents/2}
 * lists and the console stores.
 */
public record IncidentRecords(String topic) implements KafkaRecordSerializationSchema<IncidentChange> {
    public static final String SCHEMA = "aitm.incident-update/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ProducerRecord<byte[], byte[]> serialize(IncidentChange c, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, c.id().getBytes(StandardCharsets.UTF_8),
                json(c).getBytes(StandardCharsets.UTF_8));
    }

    public static String json(IncidentChange c) {
        try {
            ObjectNode root = JSON.createObjectNode();
            root.put("schema", SCHEMA);
            c.changes().forEach(root.putArray("changes")::add);
            root.set("incident", JSON.readTree(c.body()));
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

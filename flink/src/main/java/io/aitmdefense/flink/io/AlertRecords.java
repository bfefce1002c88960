package io.aitmdefense.flink.io;

import io.aitmdefense.model.Alert;
import io.aitmdefense.report.IncidentsJson;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Alerts as Kafka records: keyed by the alert's stable id, the value the same JSON object as a line of
 * {@code alerts.ndjson}. Delivery is at least once: after a restore the job may send an alert again, with the same id,
 * and a consumer keeps the first (a compacted topic does it by itself).
 */
public record AlertRecords(String topic) implements KafkaRecordSerializationSchema<Alert> {
    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
        try {
            return new ProducerRecord<>(topic, null, timestamp, alert.id().getBytes(StandardCharsets.UTF_8),
                    IncidentsJson.alertLine(alert).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

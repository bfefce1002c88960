package io.aitmdefense.flink.io;

import io.aitmdefense.events.Event;
import io.aitmdefense.flink.wire.CodecType;
import io.aitmdefense.flink.wire.Codecs;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.flink.util.Collector;

/** Kafka messages of raw log records ({@link RawRecords}) to events, inside the source, so watermarks follow partitions. */
public final class RecordsDeserializer implements KafkaRecordDeserializationSchema<Event> {
    private transient Counter mapped;
    private transient Counter rejected;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        mapped = context.getMetricGroup().counter("mappedRecords");
        rejected = context.getMetricGroup().counter("rejectedRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Event> out) {
        if (record.value() == null) return; // a tombstone
        RawRecords.Outcome o = RawRecords.map(record.value(), record.topic() + "/" + record.partition() + "@" + record.offset(), out::collect);
        if (mapped != null) {
            mapped.inc(o.mapped());
            rejected.inc(o.rejected());
        }
    }

    @Override
    public TypeInformation<Event> getProducedType() {
        return new CodecType<>(Event.class, Codecs.EVENT);
    }
}

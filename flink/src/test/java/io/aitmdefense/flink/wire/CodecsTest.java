package io.aitmdefense.flink.wire;

import io.aitmdefense.detect.api.Detection;
import io.aitmdefense.detect.api.StateDescriptor;
import io.aitmdefense.detect.config.DetectConfig;
import io.aitmdefense.detect.detections.Catalogue;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a checkpoint records of each serializer finds the same codec again on restore, and a newer layout is refused. */
class CodecsTest {

    @Test
    void everyDeclaredStateIsFoundAgainFromItsCheckpointedName() throws Exception {
        int states = 0;
        for (Detection d : Catalogue.enabled(DetectConfig.defaults())) {
            for (StateDescriptor<?> s : d.states()) {
                Codec<?> codec = Codecs.state(s.shared() ? "" : d.info().id(), s);
                TypeSerializerSnapshot<?> restored = roundTrip(new CodecSerializer<>(codec).snapshotConfiguration());
                assertThat(restored.restoreSerializer()).isEqualTo(new CodecSerializer<>(codec));
                states++;
            }
        }
        assertThat(states).as("states to check").isGreaterThan(5);
    }

    @Test
    void anOlderLayoutMigratesAndANewerOneIsRefused() throws Exception {
        Codec<String> v2 = named(2);
        @SuppressWarnings("unchecked")
        TypeSerializerSnapshot<String> current = (TypeSerializerSnapshot<String>) new CodecSerializer<>(v2).snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(new CodecSerializer.Snapshot<>(named(1), 1)).isCompatibleAfterMigration()).isTrue();
        assertThat(current.resolveSchemaCompatibility(new CodecSerializer.Snapshot<>(named(3), 3)).isIncompatible()).isTrue();
        assertThat(current.resolveSchemaCompatibility(new CodecSerializer.Snapshot<>(v2, 2))).matches(TypeSerializerSchemaCompatibility::isCompatibleAsIs);
    }

    @Test
    void aCheckpointNamingAnUnknownStateIsRefusedByName() {
        assertThatThrownBy(() -> Codecs.byName("state/no-such-detection/history", getClass().getClassLoader()))
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-detection");
    }

    private static TypeSerializerSnapshot<?> roundTrip(TypeSerializerSnapshot<?> s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, s);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()), CodecsTest.class.getClassLoader());
    }

    private static Codec<String> named(int version) {
        return new Codecs.Named<>("event", version, true, (v, out) -> out.writeUTF(v), (in, v) -> in.readUTF());
    }
}

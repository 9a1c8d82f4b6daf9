package org.ecowatch.ingest.mqtt.source.enumerator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplit;
import org.ecowatch.ingest.mqtt.source.split.MqttSessionSplitSerializer;

/**
 * Checkpoint format of {@link MqttEnumeratorState}. Version 1: sessions created (int), split
 * serializer version (int), number of unassigned splits (int), then each split.
 */
public final class MqttEnumeratorStateSerializer implements SimpleVersionedSerializer<MqttEnumeratorState> {

    public static final MqttEnumeratorStateSerializer INSTANCE = new MqttEnumeratorStateSerializer();

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(MqttEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.sessionsCreated());
            out.writeInt(MqttSessionSplitSerializer.INSTANCE.getVersion());
            out.writeInt(state.unassigned().size());
            for (MqttSessionSplit split : state.unassigned()) {
                MqttSessionSplitSerializer.write(split, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public MqttEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown MQTT enumerator state version " + version + " (this build reads " + VERSION + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int created = in.readInt();
            int splitVersion = in.readInt();
            int count = in.readInt();
            List<MqttSessionSplit> unassigned = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                unassigned.add(MqttSessionSplitSerializer.read(splitVersion, in));
            }
            return new MqttEnumeratorState(created, unassigned);
        }
    }
}

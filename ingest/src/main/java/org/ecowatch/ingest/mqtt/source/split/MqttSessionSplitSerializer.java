package org.ecowatch.ingest.mqtt.source.split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint format of {@link MqttSessionSplit}. Version 1: index (int), client id (UTF). */
public final class MqttSessionSplitSerializer implements SimpleVersionedSerializer<MqttSessionSplit> {

    public static final MqttSessionSplitSerializer INSTANCE = new MqttSessionSplitSerializer();

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(MqttSessionSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public MqttSessionSplit deserialize(int version, byte[] serialized) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(version, in);
        }
    }

    /** Writes the current version's fields; shared with the enumerator-state serializer. */
    public static void write(MqttSessionSplit split, DataOutput out) throws IOException {
        out.writeInt(split.index());
        out.writeUTF(split.clientId());
    }

    public static MqttSessionSplit read(int version, DataInput in) throws IOException {
        if (version != VERSION) {
            throw new IOException("Unknown MQTT session split version " + version + " (this build reads " + VERSION + ")");
        }
        int index = in.readInt();
        return new MqttSessionSplit(index, in.readUTF());
    }
}

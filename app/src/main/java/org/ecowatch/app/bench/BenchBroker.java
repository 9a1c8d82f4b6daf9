package org.ecowatch.app.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.mqtt.broker.EmbeddedBroker;
import org.ecowatch.ingest.mqtt.source.MqttSourceOptions;

/** The broker a bench runs on: the one given, else a Mosquitto of its own when installed, else the embedded HiveMQ. */
final class BenchBroker implements AutoCloseable {
    final MqttConnectionSettings settings;
    /** The embedded HiveMQ: the pipeline then uses one session (PipelineConnectors explains why). */
    final boolean embedded;
    /** One line saying which broker, and what that means for the figures. */
    final String description;
    private final MosquittoProcess mosquitto;
    private final EmbeddedBroker hivemq;

    private BenchBroker(MqttConnectionSettings settings, boolean embedded, String description, MosquittoProcess mosquitto,
                        EmbeddedBroker hivemq) {
        this.settings = settings;
        this.embedded = embedded;
        this.description = description;
        this.mosquitto = mosquitto;
        this.hivemq = hivemq;
    }

    static BenchBroker start(MqttConnectionSettings external, Path dir) throws IOException {
        if (external != null) {
            return new BenchBroker(external, false, "external broker " + external.serverUri() + " (as given with --broker)", null, null);
        }
        Optional<Path> binary = MosquittoProcess.binary();
        if (binary.isPresent()) {
            MosquittoProcess mosquitto = MosquittoProcess.start(binary.get(), dir.resolve("mosquitto"));
            return new BenchBroker(MqttConnectionSettings.of(mosquitto.url()), false, "Mosquitto " + mosquitto.version()
                    + " of the bench's own on " + mosquitto.url() + " (" + binary.get() + "; "
                    + MosquittoProcess.TUNING.replace("\n", ", ") + ")", mosquitto, null);
        }
        EmbeddedBroker hivemq = EmbeddedBroker.start(dir.resolve("hivemq"), 0);
        return new BenchBroker(MqttConnectionSettings.of(hivemq.url()), true, "embedded HiveMQ CE on " + hivemq.url()
                + " (no mosquitto binary found). On it the pipeline uses ONE session, which carries at most "
                + Math.min(EmbeddedBroker.INFLIGHT_WINDOW, MqttSourceOptions.RECEIVE_MAXIMUM.defaultValue())
                + " messages per checkpoint (HiveMQ CE's own limit is 50 un-acknowledged messages per client; ecowatch raises it),"
                + " and the broker runs in the bench's JVM: install mosquitto for load figures", null, hivemq);
    }

    /** CPU time of the broker's process, when it is a process of the bench's own. */
    Optional<Duration> cpu() {
        return mosquitto == null ? Optional.empty() : Optional.of(mosquitto.cpu());
    }

    @Override
    public void close() {
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (hivemq != null) {
            hivemq.close();
        }
    }
}

package org.ecowatch.app.servers;

import java.io.IOException;
import java.nio.file.Path;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.mqtt.broker.EmbeddedBroker;
import org.ecowatch.ingest.store.EmbeddedQuestDb;
import org.ecowatch.ingest.store.ReadingsTables;

/**
 * The broker and the readings store a configuration names: started in-process when it says
 * {@code embedded}, otherwise just their addresses. Closing stops what was started here.
 */
public final class PipelineServers implements AutoCloseable {
    private final EmbeddedBroker broker;
    private final EmbeddedQuestDb store;
    private final String brokerUrl;
    private final String storeUrl;

    private PipelineServers(EmbeddedBroker broker, EmbeddedQuestDb store, String brokerUrl, String storeUrl) {
        this.broker = broker;
        this.store = store;
        this.brokerUrl = brokerUrl;
        this.storeUrl = storeUrl;
    }

    /**
     * @param dataDir           where embedded servers keep their files
     * @param preferredMqttPort the embedded broker's port, or a free one when it is taken
     */
    public static PipelineServers start(EcowatchConfig config, Path dataDir, int preferredMqttPort) throws IOException {
        EmbeddedBroker broker = null;
        EmbeddedQuestDb store = null;
        try {
            String brokerUrl = config.pipeline().mqtt().url();
            if (config.pipeline().mqtt().embedded()) {
                broker = EmbeddedBroker.startPreferring(dataDir.resolve("broker"), preferredMqttPort);
                brokerUrl = broker.url();
            }
            String storeUrl = config.pipeline().store().url();
            if (config.pipeline().store().embedded()) {
                store = EmbeddedQuestDb.start(dataDir.resolve("store"));
                // Tables with dedup keys must exist before the first write, or replays would duplicate rows.
                ReadingsTables.create(store.httpUrl());
                storeUrl = store.httpUrl();
            }
            return new PipelineServers(broker, store, brokerUrl, storeUrl);
        } catch (IOException | RuntimeException e) {
            if (store != null) {
                store.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    public String storeUrl() {
        return storeUrl;
    }

    /** The embedded store's PostgreSQL-wire JDBC URL, or null when the store is external. */
    public String storeJdbcUrl() {
        return store == null ? null : store.jdbcUrl();
    }

    public boolean brokerEmbedded() {
        return broker != null;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}

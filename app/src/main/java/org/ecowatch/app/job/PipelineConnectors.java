package org.ecowatch.app.job;

import org.apache.flink.api.connector.sink2.Sink;
import org.ecowatch.alerts.leads.Lead;
import org.ecowatch.alerts.leads.LeadTopic;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertTopic;
import org.ecowatch.alerts.outcomes.OutcomesTopic;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.deadletter.DeadLetterJson;
import org.ecowatch.ingest.decode.TelemetryTopic;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.mqtt.sink.MqttOutbound;
import org.ecowatch.ingest.mqtt.sink.MqttPublishSink;
import org.ecowatch.ingest.mqtt.source.MqttSource;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.store.ReadingsStoreSink;

/**
 * The production source and sinks of the job, made from a configuration and the servers' actual addresses
 * (an {@code embedded} broker or store is only known once started).
 *
 * @param brokerUrl      the broker to use: {@code mqtt.url}, or the embedded broker's
 * @param brokerEmbedded whether that is the embedded HiveMQ, which cannot share a subscription's load (below)
 * @param storeUrl       the store to write to: {@code store.url}, or the embedded store's
 */
public record PipelineConnectors(EcowatchConfig config, String brokerUrl, boolean brokerEmbedded, String storeUrl) {
    /** Shared-subscription group of the pipeline's sessions: parallel subtasks share the load. */
    public static final String SHARED_GROUP = "ecowatch-pipeline";

    public MqttConnectionSettings broker() {
        PipelineConfig.Mqtt mqtt = config.pipeline().mqtt();
        return new MqttConnectionSettings(brokerUrl, mqtt.username(), mqtt.passwordEnv());
    }

    /**
     * The pipeline's sessions. HiveMQ CE hands a shared subscription's messages only to a member with nothing in
     * flight; with acks held until a checkpoint one member takes everything, and under steady load one filter's
     * queue (the hj212 topics) starved behind the other's. So on the embedded broker one session subscribes the
     * plain filters; other brokers share the load over one session per subtask, unless {@code mqtt.sharedSubscription}
     * is false: one session on plain subscriptions, which Mosquitto 2.0 keeps across its own restart.
     */
    public MqttSource source() {
        return source(SHARED_GROUP);
    }

    /**
     * The same source under another name: {@code sessionName} is the shared-subscription group and the prefix of
     * the sessions' client ids. A second job on the same broker (the benchmark) uses its own name, or it would take
     * over the pipeline's sessions.
     */
    public MqttSource source(String sessionName) {
        return MqttSource.builder()
                .setConnection(broker())
                .setTopicFilters(TelemetryTopic.filters(config.pipeline().mqtt().topicPrefix()))
                .setSharedGroup(sessionName)
                .setSharedSubscription(shared())
                .setClientIdPrefix(sessionName)
                .setSessions(sessions())
                .build();
    }

    /**
     * The confirmed outcomes the lead service publishes retained on {@code {prefix}/outcomes/{enterpriseId}}. A plain
     * subscription, never a shared one (MQTT 5 sends no retained messages to shared subscriptions), so one session.
     * Every (re)subscribe receives the newest message of every enterprise again; replacing a list with itself is
     * harmless.
     */
    public MqttSource outcomesSource() {
        return MqttSource.builder()
                .setConnection(broker())
                .setTopicFilters(OutcomesTopic.filter(config.pipeline().mqtt().topicPrefix()))
                .setSharedSubscription(false)
                .setClientIdPrefix("ecowatch-outcomes")
                .setSessions(1)
                .build();
    }

    public EcowatchJob.Sources sources() {
        return new EcowatchJob.Sources(source(), outcomesSource());
    }

    /** How many MQTT sessions the source opens: one on plain subscriptions (above), else one per subtask. */
    public int sessions() {
        return shared() ? config.pipeline().parallelism() : 1;
    }

    private boolean shared() {
        return !brokerEmbedded && config.pipeline().mqtt().sharedSubscription();
    }

    public Sink<Reading> readingsStore() {
        return ReadingsStoreSink.builder()
                .store(config.pipeline().store())
                .url(storeUrl)
                .registry(config.registry())
                .build();
    }

    public Sink<DeadLetter> deadLetters() {
        return MqttPublishSink.<DeadLetter>builder()
                .setConnection(broker())
                .setClientIdPrefix("ecowatch-deadletter")
                .setMapper(new DeadLetterTopic(config.pipeline().mqtt().topicPrefix() + "/deadletter"))
                .build();
    }

    public Sink<Alert> alerts() {
        return MqttPublishSink.<Alert>builder()
                .setConnection(broker())
                .setClientIdPrefix("ecowatch-alerts")
                .setMapper(new AlertTopic(config.pipeline().mqtt().topicPrefix()))
                .build();
    }

    public Sink<Lead> leads() {
        return MqttPublishSink.<Lead>builder()
                .setConnection(broker())
                .setClientIdPrefix("ecowatch-leads")
                .setMapper(new LeadTopic(config.pipeline().mqtt().topicPrefix()))
                .build();
    }

    public EcowatchJob.Sinks sinks() {
        return new EcowatchJob.Sinks(readingsStore(), deadLetters(), alerts(), leads());
    }

    /** Publishes every dead letter as {@code ecowatch.deadletter/1} JSON on {@code {prefix}/deadletter}. */
    record DeadLetterTopic(String topic) implements org.apache.flink.util.function.SerializableFunction<DeadLetter, MqttOutbound> {
        @Override
        public MqttOutbound apply(DeadLetter deadLetter) {
            return new MqttOutbound(topic, DeadLetterJson.toBytes(deadLetter));
        }
    }
}

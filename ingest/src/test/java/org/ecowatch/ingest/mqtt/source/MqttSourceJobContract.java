package org.ecowatch.ingest.mqtt.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ecowatch.ingest.testing.TestPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the MQTT source promises, run as real Flink jobs (mini cluster, parallelism 2, checkpoints
 * every 200 ms) against a real broker; subclasses say which broker.
 */
abstract class MqttSourceJobContract {

    static final int PARALLELISM = 2;
    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .build());

    private final List<JobClient> jobs = new ArrayList<>();

    /** {@code tcp://127.0.0.1:PORT} of the broker under test. */
    abstract String brokerUrl();

    @AfterEach
    void cancelJobs() throws Exception {
        for (JobClient job : jobs) {
            try {
                job.cancel().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Already finished or failed: nothing to cancel.
            }
        }
        jobs.clear();
    }

    @Test
    void deliversEachPublishedMessageExactlyOnceInARunWithoutFailures() throws Exception {
        String run = newRun();
        startJob(run, source(run, brokerUrl()), 0);
        warmUp(run, brokerUrl(), Set.of());

        List<String> published = TestPublisher.publish(brokerUrl(), topic(run), TestPublisher.payloads("m", 200));

        awaitAll(run, published);
        Thread.sleep(300); // room for a duplicate to show up, should there be one
        List<String> received = batch(run);
        assertThat(received).hasSize(published.size()).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void redeliversWhatWasNotAcknowledgedWhenTheJobFailsBetweenCheckpoints() throws Exception {
        String run = newRun();
        startJob(run, source(run, brokerUrl()), 150);
        warmUp(run, brokerUrl(), Set.of());

        List<String> published = TestPublisher.publish(brokerUrl(), topic(run), TestPublisher.payloads("m", 300));

        awaitAll(run, published, () -> RecordingMap.failed(run));
        List<String> received = batch(run);
        assertThat(new HashSet<>(received)).isEqualTo(new HashSet<>(published));
        assertThat(received.size())
                .as("the messages emitted after the last checkpoint before the failure came again")
                .isGreaterThan(published.size());
    }

    // --- helpers ---

    static String newRun() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String topic(String run) {
        return "test/" + run + "/telemetry";
    }

    static MqttSource source(String run, String url) {
        return builder(run, url).build();
    }

    static MqttSourceBuilder builder(String run, String url) {
        return MqttSource.builder()
                .setServerUri(url)
                .setTopicFilters("test/" + run + "/#")
                .setSharedGroup("g-" + run)
                .setClientIdPrefix("src-" + run)
                .setSessions(PARALLELISM)
                .setSessionExpiry(Duration.ofMinutes(5))
                .setReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    JobClient startJob(String run, MqttSource source, int failAfter) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt").uid("mqtt").name("mqtt")
                .map(new RecordingMap(run, failAfter)).uid("record").name("record")
                .sinkTo(new DiscardingSink<>()).uid("discard").name("discard");
        JobClient job = env.executeAsync("mqtt-source-test-" + run);
        jobs.add(job);
        return job;
    }

    /**
     * Publishes probe messages until the source subtasks in {@code subtasks} (any subtask when
     * empty) have received one: then the sessions are connected and subscribed.
     */
    static void warmUp(String run, String url, Set<Integer> subtasks) throws Exception {
        warmUp(run, url, subtasks, "");
    }

    /** {@link #warmUp(String, String, Set)} with probes of their own {@code phase}. */
    static void warmUp(String run, String url, Set<Integer> subtasks, String phase) throws Exception {
        String probe = RecordingMap.PROBE + phase;
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (TestPublisher probes = new TestPublisher(url)) {
            for (int i = 0; ; i++) {
                Set<Integer> seen = RecordingMap.records(run).stream()
                        .filter(r -> r.payload().startsWith(probe))
                        .map(Recorded::subtask)
                        .collect(Collectors.toSet());
                if (subtasks.isEmpty() ? !seen.isEmpty() : seen.containsAll(subtasks)) {
                    return;
                }
                assertThat(System.nanoTime()).as("probes reached subtasks %s within %s; saw %s", subtasks, WAIT, seen)
                        .isLessThan(deadline);
                probes.send(topic(run), List.of(probe + i));
                Thread.sleep(50);
            }
        }
    }

    /** Waits until every one of {@code expected} was received in {@code run} and {@code also} holds. */
    static void awaitAll(String run, List<String> expected, BooleanSupplier also) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(also.getAsBoolean() && batch(run).containsAll(expected))) {
            if (System.nanoTime() > deadline) {
                Set<String> missing = new TreeSet<>(expected);
                missing.removeAll(batch(run));
                throw new AssertionError("within " + WAIT + " these never arrived: " + missing
                        + (also.getAsBoolean() ? "" : " (and the extra condition does not hold)"));
            }
            Thread.sleep(50);
        }
    }

    static void awaitAll(String run, List<String> expected) throws InterruptedException {
        awaitAll(run, expected, () -> true);
    }

    /** Non-probe payloads received in {@code run}, duplicates included. */
    static List<String> batch(String run) {
        return RecordingMap.records(run).stream()
                .map(Recorded::payload)
                .filter(p -> !p.startsWith(RecordingMap.PROBE))
                .toList();
    }
}

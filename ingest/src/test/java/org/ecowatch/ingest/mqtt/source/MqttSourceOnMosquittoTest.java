package org.ecowatch.ingest.mqtt.source;

import org.apache.flink.core.execution.JobClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Set;
import org.ecowatch.ingest.testing.MosquittoServer;
import org.ecowatch.ingest.testing.TestPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link MqttSourceJobContract} against a Mosquitto of the test's own, plus load sharing and a
 * broker restart. (Load sharing is Mosquitto-only: HiveMQ CE hands a shared subscription's
 * messages only to members with nothing in flight, so with acks held until a checkpoint one
 * session takes everything; see EmbeddedBroker.)
 */
class MqttSourceOnMosquittoTest extends MqttSourceJobContract {

    private static MosquittoServer mosquitto;

    @BeforeAll
    static void startMosquitto() {
        mosquitto = MosquittoServer.start(false);
    }

    @AfterAll
    static void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Override
    String brokerUrl() {
        return mosquitto.url();
    }

    @Test
    void sharesTheLoadOfTwoSessionsBetweenTwoSubtasks() throws Exception {
        String run = newRun();
        startJob(run, source(run, brokerUrl()), 0);
        warmUp(run, brokerUrl(), Set.of(0, 1));

        List<String> published = TestPublisher.publish(brokerUrl(), topic(run), TestPublisher.payloads("m", 400));

        awaitAll(run, published);
        List<Recorded> batch = RecordingMap.records(run).stream()
                .filter(r -> !r.payload().startsWith(RecordingMap.PROBE))
                .toList();
        Map<Integer, Long> perSubtask = batch.stream().collect(Collectors.groupingBy(Recorded::subtask, Collectors.counting()));
        assertThat(perSubtask).as("messages per source subtask").containsOnlyKeys(0, 1);
        assertThat(perSubtask.values()).allSatisfy(count -> assertThat(count).isPositive());
        assertThat(batch).hasSize(published.size());
        assertThat(batch(run)).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void reconnectsAndResubscribesItsSharedSessionsAfterTheBrokerRestarts() throws Exception {
        // Mosquitto 2.0 restores plain subscriptions from its persistence file but not shared
        // ones: without the resubscribe after reconnecting, nothing after the restart would arrive.
        try (MosquittoServer persistent = MosquittoServer.start(true)) {
            String run = newRun();
            startJob(run, source(run, persistent.url()), 0);
            warmUp(run, persistent.url(), Set.of(), "first-");
            List<String> before = TestPublisher.publish(persistent.url(), topic(run), TestPublisher.payloads("before", 100));
            awaitAll(run, before);

            persistent.restart();
            warmUp(run, persistent.url(), Set.of(0, 1), "again-");
            List<String> after = TestPublisher.publish(persistent.url(), topic(run), TestPublisher.payloads("after", 100));

            List<String> all = new ArrayList<>(before);
            all.addAll(after);
            awaitAll(run, all);
            assertThat(new HashSet<>(batch(run))).isEqualTo(new HashSet<>(all));
            cancelJobs(); // before the broker goes away for good
        }
    }

    @Test
    void aPlainSessionLosesNothingPublishedWhileItReconnectsToARestartedBroker() throws Exception {
        try (MosquittoServer persistent = MosquittoServer.start(true)) {
            String run = newRun();
            startJob(run, builder(run, persistent.url()).setSessions(1).setSharedSubscription(false).build(), 0);
            warmUp(run, persistent.url(), Set.of());
            List<String> before = TestPublisher.publish(persistent.url(), topic(run), TestPublisher.payloads("before", 100));

            persistent.restart();
            // Published at once: the restored session queues them until the source is back.
            List<String> after = TestPublisher.publish(persistent.url(), topic(run), TestPublisher.payloads("after", 100));

            List<String> all = new ArrayList<>(before);
            all.addAll(after);
            awaitAll(run, all);
            assertThat(new HashSet<>(batch(run))).isEqualTo(new HashSet<>(all));
            cancelJobs();
        }
    }

    @Test
    void failsWhenTheBrokerStaysUnreachableSoThatFlinkRestartsTheJobFromItsCheckpoint() throws Exception {
        try (MosquittoServer own = MosquittoServer.start(false)) {
            String run = newRun();
            JobClient job = startJob(run, builder(run, own.url()).setFailAfterOutage(Duration.ofSeconds(1)).build(), 0);
            warmUp(run, own.url(), Set.of());

            own.stop();

            // Three restarts, each failing a second after it cannot connect, then the job gives up.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> job.getJobExecutionResult().get(60, java.util.concurrent.TimeUnit.SECONDS))
                    .hasStackTraceContaining("mqtt.source.fail-after-outage");
        }
    }
}

package org.ecowatch.ingest.store;

import com.influxdb.exceptions.InfluxException;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.ingest.reading.Reading;
import org.ecowatch.ingest.store.InfluxErrorServer.Answer;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecowatch.ingest.store.StoreFixtures.codReadings;
import static org.ecowatch.ingest.store.StoreFixtures.registry;
import static org.ecowatch.ingest.store.StoreFixtures.store;
import static org.ecowatch.ingest.store.StoreFixtures.portWithNothingListening;
import static org.ecowatch.ingest.store.StoreFixtures.writeAll;

/** What the writer does when the store is down or refuses its writes. */
class ReadingsStoreFailureTest {

    private static final ReadingsStoreOptions QUICK_RETRIES = ReadingsStoreOptions.builder()
            .retryMaxBackoff(Duration.ofMillis(200))
            .retryMaxDuration(Duration.ofSeconds(1))
            .requestTimeout(Duration.ofSeconds(5))
            .build();

    private static ReadingsStoreWriter writer(PipelineConfig.Store store, String token, ReadingsStoreOptions options) {
        return new ReadingsStoreWriter(store, token, registry(), options, new UnregisteredMetricsGroup());
    }



    @Nested
    class WhenTheStoreIsDown {

        @Test
        void theWriterBlocksRetryingAndStoresEverythingWhenTheStoreIsBack() throws Exception {
            Path root = SharedQuestDb.newRoot("outage");
            EmbeddedQuestDb before = EmbeddedQuestDb.start(root);
            ReadingsTables.create(before.httpUrl());
            int httpPort = before.httpPort();
            int pgPort = before.pgPort();
            before.close(); // the store goes down; its tables stay on disk

            ReadingsStoreOptions patient = ReadingsStoreOptions.builder()
                    .retryMaxBackoff(Duration.ofMillis(500)).retryMaxDuration(Duration.ofMinutes(1)).build();
            CompletableFuture<EmbeddedQuestDb> after = CompletableFuture.supplyAsync(
                    () -> EmbeddedQuestDb.start(root, httpPort, pgPort),
                    CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
            try (ReadingsStoreWriter writer = writer(store(before.httpUrl()), null, patient)) {
                writeAll(writer, codReadings(StoreFixtures.PAPER_MILL, 500, 0));

                long start = System.nanoTime();
                writer.flush(false);
                Duration blocked = Duration.ofNanos(System.nanoTime() - start);

                assertThat(blocked).isGreaterThan(Duration.ofMillis(2500));
                assertThat(writer.storeRetries().getCount()).isPositive();
                assertThat(writer.readingsStored().getCount()).isEqualTo(500);
                SharedQuestDb.awaitCount(after.get(), "SELECT count() FROM wastewater_outlet", 500);
            } finally {
                after.get(30, TimeUnit.SECONDS).close();
                SharedQuestDb.deleteExceptLogs(root);
            }
        }

        @Test
        void theWriterGivesUpAfterTheMaximumRetryDurationSayingWhatToCheck() throws Exception {
            String url = "http://127.0.0.1:" + portWithNothingListening();
            try (ReadingsStoreWriter writer = writer(store(url), null, QUICK_RETRIES)) {
                writeAll(writer, codReadings(StoreFixtures.PAPER_MILL, 3, 0));

                assertThatThrownBy(() -> writer.flush(false))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("the readings store at " + url + " has failed every write for PT1S")
                        .hasMessageContaining("ConnectException")
                        .hasMessageContaining("ecowatch.store.retry.max-duration");
                assertThat(writer.storeRetries().getCount()).isGreaterThan(2);
                assertThat(writer.readingsStored().getCount()).isZero();
            }
        }

        @Test
        void anOverloadedStoreIsRetriedLikeAnUnreachableOne() throws Exception {
            try (InfluxErrorServer store = new InfluxErrorServer(
                    new Answer(429, "too many requests", "slow down", "1"));
                 ReadingsStoreWriter writer = writer(store(store.url()), null, QUICK_RETRIES)) {
                writeAll(writer, codReadings(StoreFixtures.PAPER_MILL, 3, 0));

                assertThatThrownBy(() -> writer.flush(false))
                        .hasMessageContaining("has failed every write for PT1S (last: HTTP 429: slow down)");
                assertThat(store.requests.size()).isGreaterThan(2);
            }
        }

        @Test
        void serverErrorsAreRetried() throws Exception {
            try (InfluxErrorServer store = new InfluxErrorServer(Answer.error(503, "unavailable", "starting up"));
                 ReadingsStoreWriter writer = writer(store(store.url()), null, QUICK_RETRIES)) {
                writeAll(writer, codReadings(StoreFixtures.PAPER_MILL, 3, 0));

                assertThatThrownBy(() -> writer.flush(false)).hasMessageContaining("(last: HTTP 503: starting up)");
                assertThat(writer.storeRetries().getCount()).isGreaterThan(2);
            }
        }
    }

    @Nested
    class WhenTheStoreRefusesTheWrite {

        @Test
        void aRefusedTokenFailsAtOnceNamingTheVariableToSet() throws Exception {
            PipelineConfig.Store withToken = new PipelineConfig.Store(null, "ecowatch", "readings", "ECOWATCH_STORE_TOKEN");
            try (InfluxErrorServer store = new InfluxErrorServer(Answer.error(401, "unauthorized", "unauthorized access"));
                 ReadingsStoreWriter writer = writer(new PipelineConfig.Store(store.url(), withToken.org(),
                         withToken.bucket(), withToken.tokenEnv()), "wrong-token", QUICK_RETRIES)) {
                writeAll(writer, codReadings(StoreFixtures.PAPER_MILL, 3, 0));

                assertThatThrownBy(() -> writer.flush(false))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("HTTP 401: unauthorized access")
                        .hasMessageContaining("set the environment variable ECOWATCH_STORE_TOKEN (store.tokenEnv in"
                                + " pipeline.yaml) to a valid token with write access to bucket 'readings'");
                assertThat(store.requests).hasSize(1);
                assertThat(store.requests.get(0).authorization()).isEqualTo("Token wrong-token");
                assertThat(writer.storeRetries().getCount()).isZero();
            }
        }

        @Test
        void aMissingTokenIsReportedAsNotSent() throws Exception {
            try (InfluxErrorServer store = new InfluxErrorServer(Answer.error(401, "unauthorized", "unauthorized access"));
                 ReadingsStoreWriter writer = writer(new PipelineConfig.Store(store.url(), "ecowatch", "readings",
                         "ECOWATCH_STORE_TOKEN"), null, QUICK_RETRIES)) {
                writeAll(writer, codReadings(StoreFixtures.PAPER_MILL, 3, 0));

                assertThatThrownBy(() -> writer.flush(false))
                        .hasMessageContaining("ECOWATCH_STORE_TOKEN (store.tokenEnv in pipeline.yaml) is not set, so no"
                                + " token was sent");
                assertThat(store.requests.get(0).authorization()).isNull();
            }
        }

        @Test
        void aMissingBucketFailsNamingBucketAndOrg() throws Exception {
            try (InfluxErrorServer store = new InfluxErrorServer(
                    Answer.error(404, "not found", "bucket \\\"readings\\\" not found"));
                 ReadingsStoreWriter writer = writer(store(store.url()), null, QUICK_RETRIES)) {
                writeAll(writer, codReadings(StoreFixtures.PAPER_MILL, 3, 0));

                assertThatThrownBy(() -> writer.flush(false))
                        .hasMessageContaining("HTTP 404")
                        .hasMessageContaining("bucket 'readings' or org 'ecowatch' does not exist there");
                assertThat(store.requests.get(0).query()).contains("bucket=readings").contains("org=ecowatch")
                        .contains("precision=ms");
            }
        }

        @Test
        void aRefusedLineIsIsolatedByHalvingTheBatchAndNamed() throws Exception {
            try (InfluxErrorServer store = new InfluxErrorServer(
                    Answer.error(400, "invalid", "unable to parse points"));
                 ReadingsStoreWriter writer = writer(store(store.url()), null, QUICK_RETRIES)) {
                writeAll(writer, codReadings(StoreFixtures.PAPER_MILL, 4, 0));

                assertThatThrownBy(() -> writer.flush(false))
                        .hasMessageContaining("rejected 4 points, the first `wastewater_outlet,device=outlet-1,"
                                + "enterprise=paper-mill,flag=N,kind=Rtd,metric=w01018 value=0.0 ")
                        .hasMessageContaining("HTTP 400: unable to parse points");
                // 4 points, then 2 + 2, then 1 + 1 + 1 + 1
                assertThat(store.requests).hasSize(7);
                assertThat(store.requests.get(0).body().lines()).hasSize(4);
            }
        }
    }

    @Nested
    class FailureKinds {

        @Test
        void aSocketTimeoutIsTransientButAnInterruptedRequestIsNot() {
            assertThat(StoreFailure.of(new InfluxException(new SocketTimeoutException("read timed out"))))
                    .isEqualTo(StoreFailure.TRANSIENT);
            assertThat(StoreFailure.of(new InfluxException(new InterruptedIOException("interrupted"))))
                    .isEqualTo(StoreFailure.INTERRUPTED);
            assertThat(StoreFailure.of(new InfluxException(new java.net.ConnectException("refused"))))
                    .isEqualTo(StoreFailure.TRANSIENT);
        }
    }
}

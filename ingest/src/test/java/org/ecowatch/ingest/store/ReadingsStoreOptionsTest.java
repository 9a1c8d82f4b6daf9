package org.ecowatch.ingest.store;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadingsStoreOptionsTest {

    @Test
    void defaultsToBatchesOf5000AndTenMinutesOfRetries() {
        ReadingsStoreOptions defaults = ReadingsStoreOptions.defaults();

        assertThat(defaults.batchSize()).isEqualTo(5000);
        assertThat(defaults.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.retryMaxDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsEachOptionFromAFlinkConfigurationByItsKey() {
        Configuration config = new Configuration();
        config.setString("ecowatch.store.batch-size", "200");
        config.setString("ecowatch.store.retry.max-backoff", "2 s");
        config.setString("ecowatch.store.retry.max-duration", "1 min");
        config.setString("ecowatch.store.request-timeout", "10 s");

        assertThat(ReadingsStoreOptions.fromConfiguration(config)).isEqualTo(ReadingsStoreOptions.builder()
                .batchSize(200)
                .retryMaxBackoff(Duration.ofSeconds(2))
                .retryMaxDuration(Duration.ofMinutes(1))
                .requestTimeout(Duration.ofSeconds(10))
                .build());
    }

    @Test
    void refusesValuesOutOfRangeNamingTheOption() {
        assertThatThrownBy(() -> ReadingsStoreOptions.builder().batchSize(0))
                .hasMessage("ecowatch.store.batch-size must be between 1 and 1000000, got 0");
        assertThatThrownBy(() -> ReadingsStoreOptions.builder().requestTimeout(Duration.ZERO))
                .hasMessageContaining("ecowatch.store.request-timeout must be a positive duration");
        assertThatThrownBy(() -> ReadingsStoreOptions.builder().retryMaxDuration(Duration.ofSeconds(-1)))
                .hasMessageContaining("ecowatch.store.retry.max-duration must be a positive duration");
        assertThatThrownBy(() -> ReadingsStoreOptions.builder().retryMaxBackoff(null))
                .hasMessageContaining("ecowatch.store.retry.max-backoff must be a positive duration");
    }

    @Test
    void refusesABackoffLongerThanTheWholeRetryDuration() {
        assertThatThrownBy(() -> ReadingsStoreOptions.builder()
                .retryMaxBackoff(Duration.ofMinutes(2)).retryMaxDuration(Duration.ofMinutes(1)).build())
                .hasMessageContaining("ecowatch.store.retry.max-backoff (PT2M) must not exceed ecowatch.store.retry.max-duration (PT1M)");
    }

    @Test
    void describesEveryOption() {
        for (var option : new org.apache.flink.configuration.ConfigOption<?>[]{ReadingsStoreOptions.BATCH_SIZE,
                ReadingsStoreOptions.RETRY_MAX_BACKOFF, ReadingsStoreOptions.RETRY_MAX_DURATION,
                ReadingsStoreOptions.REQUEST_TIMEOUT}) {
            assertThat(option.description().toString()).as(option.key()).isNotBlank();
        }
    }
}

package org.ecowatch.ingest.store;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the readings-store writer batches and retries. Each option is declared once, with its key, default
 * and description, so it can also be read from a Flink configuration ({@link #fromConfiguration}).
 *
 * <pre>{@code
 * ReadingsStoreOptions options = ReadingsStoreOptions.builder().batchSize(2000).maxRetryDuration(Duration.ofMinutes(5)).build();
 * }</pre>
 */
public final class ReadingsStoreOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int MAX_BATCH_SIZE = 1_000_000;

    public static final ConfigOption<Integer> BATCH_SIZE = ConfigOptions.key("ecowatch.store.batch-size")
            .intType()
            .defaultValue(5000)
            .withDescription("Readings buffered per subtask before they are written in one request; what is "
                    + "buffered is also written at every checkpoint and at the end of input. 1 to " + MAX_BATCH_SIZE + ".");

    public static final ConfigOption<Duration> RETRY_MAX_BACKOFF = ConfigOptions.key("ecowatch.store.retry.max-backoff")
            .durationType()
            .defaultValue(Duration.ofSeconds(5))
            .withDescription("Longest pause between two attempts to write a batch while the store is unreachable "
                    + "or overloaded (IO errors, HTTP 5xx, 408, 429, timeouts); pauses start at 100 ms and double.");

    public static final ConfigOption<Duration> RETRY_MAX_DURATION = ConfigOptions.key("ecowatch.store.retry.max-duration")
            .durationType()
            .defaultValue(Duration.ofMinutes(10))
            .withDescription("How long one batch is retried before the outage counts as permanent and the job fails "
                    + "(it then restarts from its last checkpoint under Flink's restart strategy). Until then the "
                    + "writer blocks and the job backpressures; nothing is dropped.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT = ConfigOptions.key("ecowatch.store.request-timeout")
            .durationType()
            .defaultValue(Duration.ofSeconds(30))
            .withDescription("Connect, read and write timeout of one write request; a timed-out request is retried.");

    private final int batchSize;
    private final Duration retryMaxBackoff;
    private final Duration retryMaxDuration;
    private final Duration requestTimeout;

    private ReadingsStoreOptions(Builder builder) {
        this.batchSize = builder.batchSize;
        this.retryMaxBackoff = builder.retryMaxBackoff;
        this.retryMaxDuration = builder.retryMaxDuration;
        this.requestTimeout = builder.requestTimeout;
    }

    /** Every option at its default. */
    public static ReadingsStoreOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The options set in a Flink configuration, defaults for the others. */
    public static ReadingsStoreOptions fromConfiguration(ReadableConfig config) {
        return builder()
                .batchSize(config.get(BATCH_SIZE))
                .retryMaxBackoff(config.get(RETRY_MAX_BACKOFF))
                .retryMaxDuration(config.get(RETRY_MAX_DURATION))
                .requestTimeout(config.get(REQUEST_TIMEOUT))
                .build();
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration retryMaxBackoff() {
        return retryMaxBackoff;
    }

    public Duration retryMaxDuration() {
        return retryMaxDuration;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadingsStoreOptions other
                && batchSize == other.batchSize
                && retryMaxBackoff.equals(other.retryMaxBackoff)
                && retryMaxDuration.equals(other.retryMaxDuration)
                && requestTimeout.equals(other.requestTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(batchSize, retryMaxBackoff, retryMaxDuration, requestTimeout);
    }

    @Override
    public String toString() {
        return BATCH_SIZE.key() + "=" + batchSize + ", " + RETRY_MAX_BACKOFF.key() + "=" + retryMaxBackoff + ", "
                + RETRY_MAX_DURATION.key() + "=" + retryMaxDuration + ", " + REQUEST_TIMEOUT.key() + "=" + requestTimeout;
    }

    /** Checks every value as it is set; the message names the option. */
    public static final class Builder {
        private int batchSize = BATCH_SIZE.defaultValue();
        private Duration retryMaxBackoff = RETRY_MAX_BACKOFF.defaultValue();
        private Duration retryMaxDuration = RETRY_MAX_DURATION.defaultValue();
        private Duration requestTimeout = REQUEST_TIMEOUT.defaultValue();

        private Builder() {}

        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException(BATCH_SIZE.key() + " must be between 1 and " + MAX_BATCH_SIZE
                        + ", got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder retryMaxBackoff(Duration retryMaxBackoff) {
            this.retryMaxBackoff = positive(RETRY_MAX_BACKOFF, retryMaxBackoff);
            return this;
        }

        public Builder retryMaxDuration(Duration retryMaxDuration) {
            this.retryMaxDuration = positive(RETRY_MAX_DURATION, retryMaxDuration);
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(REQUEST_TIMEOUT, requestTimeout);
            return this;
        }

        public ReadingsStoreOptions build() {
            if (retryMaxBackoff.compareTo(retryMaxDuration) > 0) {
                throw new IllegalArgumentException(RETRY_MAX_BACKOFF.key() + " (" + retryMaxBackoff
                        + ") must not exceed " + RETRY_MAX_DURATION.key() + " (" + retryMaxDuration + ")");
            }
            return new ReadingsStoreOptions(this);
        }

        private static Duration positive(ConfigOption<Duration> option, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(option.key() + " must be a positive duration, got " + value);
            }
            return value;
        }
    }
}

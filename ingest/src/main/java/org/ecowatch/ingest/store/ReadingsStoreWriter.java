package org.ecowatch.ingest.store;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import okhttp3.OkHttpClient;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.reading.Reading;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers points and writes them with the blocking API when the buffer is full and whenever Flink flushes
 * (before every checkpoint barrier and at the end of input), so a completed checkpoint means every reading
 * before it is in the store. While the store is down, {@link #write} and {@link #flush} block, retrying.
 */
final class ReadingsStoreWriter implements SinkWriter<Reading> {

    static final String METRIC_GROUP = "ecowatch";
    static final String READINGS_STORED = "readingsStored";
    static final String STORE_RETRIES = "storeRetries";

    private final ReadingPoints points;
    private final InfluxDBClient client;
    private final StoreRequests requests;
    private final int batchSize;
    private final Counter stored;
    private final Counter retries;
    private List<Point> buffer;
    private boolean closed;

    /**
     * @param store   with the resolved base URL (not {@code embedded})
     * @param token   the token read from {@code store.tokenEnv} at open time, or null to send none
     * @param metrics the writer's metric group; the counters go into its {@value #METRIC_GROUP} subgroup
     */
    ReadingsStoreWriter(PipelineConfig.Store store, String token, Registry registry, ReadingsStoreOptions options,
                        MetricGroup metrics) {
        this.points = new ReadingPoints(registry);
        this.batchSize = options.batchSize();
        this.buffer = new ArrayList<>(batchSize);
        MetricGroup group = metrics.addGroup(METRIC_GROUP);
        this.stored = group.counter(READINGS_STORED);
        this.retries = group.counter(STORE_RETRIES);
        this.client = InfluxDBClientFactory.create(clientOptions(store, token, options));
        this.requests = new StoreRequests(client.getWriteApiBlocking(), store, token != null, options, stored, retries);
    }

    @Override
    public void write(Reading reading, Context context) throws IOException, InterruptedException {
        buffer.add(points.toPoint(reading));
        if (buffer.size() >= batchSize) {
            writeBuffered();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffered();
    }

    /** Closes the connection pool. Does not write: Flink flushes first on a normal end, and after a failure
     * the unflushed readings are replayed from the last checkpoint. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            client.close();
        }
    }

    Counter readingsStored() {
        return stored;
    }

    Counter storeRetries() {
        return retries;
    }

    int buffered() {
        return buffer.size();
    }

    private void writeBuffered() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        requests.write(buffer);
        buffer = new ArrayList<>(batchSize);
    }

    private static InfluxDBClientOptions clientOptions(PipelineConfig.Store store, String token,
                                                       ReadingsStoreOptions options) {
        // No call timeout on purpose: OkHttp reports it like a thread interrupt; the three socket timeouts
        // bound a request just as well and surface as SocketTimeoutException, which is retried.
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(options.requestTimeout())
                .readTimeout(options.requestTimeout())
                .writeTimeout(options.requestTimeout());
        InfluxDBClientOptions.Builder builder = InfluxDBClientOptions.builder()
                .url(store.url())
                .org(store.org())
                .bucket(store.bucket())
                .precision(WritePrecision.MS)
                .okHttpClient(http);
        if (token != null) {
            builder.authenticateToken(token.toCharArray());
        }
        return builder.build();
    }
}

package org.ecowatch.ingest.store;

import com.influxdb.exceptions.InfluxException;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What a failed write request means for the writer: wait and retry, split the batch, or stop the job. */
enum StoreFailure {
    /** The store is down, overloaded or slow (IO error, timeout, 408, 429, 5xx): retry the same batch. */
    TRANSIENT,
    /** The store refused some line of the batch (400, 413, 422): split it to find that line. */
    REJECTED_POINTS,
    /** Configuration is wrong (401, 403, 404, other 4xx): retrying cannot help. */
    PERMANENT,
    /** The task thread was interrupted (Flink is cancelling the job) while the request was in flight. */
    INTERRUPTED;

    private static final String SERVER_MESSAGE = "; Message: ";

    static StoreFailure of(InfluxException e) {
        int status = e.status();
        if (status == 0) {
            // No HTTP answer: connection refused/reset, DNS, or a timeout. OkHttp reports a thread interrupt as
            // a plain InterruptedIOException, while socket timeouts are SocketTimeoutException (a subclass).
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException)) {
                return INTERRUPTED;
            }
            return TRANSIENT;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return TRANSIENT;
        }
        if (status == 400 || status == 413 || status == 422) {
            return REJECTED_POINTS;
        }
        return PERMANENT;
    }

    /** A {@code Retry-After} in seconds, as InfluxDB sends with 429 and 503. */
    static Optional<Duration> retryAfter(InfluxException e) {
        Map<String, String> headers = e.headers();
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if ("Retry-After".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                try {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(header.getValue().trim())));
                } catch (NumberFormatException notSeconds) {
                    return Optional.empty(); // an HTTP date: fall back to our own backoff
                }
            }
        }
        return Optional.empty();
    }

    /** One line for logs and exceptions: the HTTP status (if any) and what the store or the network said. */
    static String describe(InfluxException e) {
        if (e.status() == 0) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        // The client's message reads "HTTP status code: 401; Message: unauthorized access".
        String message = e.getMessage() == null ? "" : e.getMessage();
        int serverMessage = message.indexOf(SERVER_MESSAGE);
        return "HTTP " + e.status() + ": " + (serverMessage >= 0 ? message.substring(serverMessage + SERVER_MESSAGE.length()) : message);
    }
}

package org.ecowatch.ingest.deadletter;

/** The machine-readable reason codes of dead-letter records. Documented in docs/DEADLETTER.md. */
public final class Reason {
    /** The topic does not match {@code {prefix}/telemetry|hj212/{enterpriseId}/{deviceId}} or its ids are malformed. */
    public static final String TOPIC_INVALID = "topic.invalid";
    /** The topic's enterprise or device is not in the registry. */
    public static final String DEVICE_UNKNOWN = "device.unknown";
    /** The payload names another device than its topic. */
    public static final String DEVICE_MISMATCH = "device.mismatch";
    /** The payload is larger than 64 KiB. */
    public static final String PAYLOAD_TOO_LARGE = "payload.too-large";
    /** The payload is not well-formed JSON (or not UTF-8). */
    public static final String JSON_MALFORMED = "json.malformed";
    /** The JSON is well-formed but does not follow the {@code ecowatch.telemetry/1} schema (missing or mistyped field). */
    public static final String SCHEMA_INVALID = "schema.invalid";
    /** The batch holds more than 500 readings. */
    public static final String TOO_MANY_READINGS = "batch.too-many-readings";
    /** A timestamp is missing, unparseable or without an offset. */
    public static final String TIMESTAMP_INVALID = "timestamp.invalid";
    /** A value is not a finite number. */
    public static final String VALUE_INVALID = "value.invalid";
    /** A unit differs from the one configured for its metric. */
    public static final String UNIT_MISMATCH = "unit.mismatch";
    /** A flag is not one of N F M S D C T B. */
    public static final String FLAG_INVALID = "flag.invalid";
    /** A metric code is not a valid metric name. */
    public static final String METRIC_INVALID = "metric.invalid";
    /** The payload's format is recognised but this version cannot decode it. */
    public static final String FORMAT_UNSUPPORTED = "format.unsupported";
    /** Decoding failed in an unexpected way: a bug to report; the message is kept here rather than lost. */
    public static final String INTERNAL_ERROR = "internal.error";
    /** A reading arrived after the allowed lateness. */
    public static final String LATE = "late";
    /** A confirmed-outcomes message ({@code ecowatch.outcomes/1}) that does not follow its schema or names another enterprise than its topic. */
    public static final String OUTCOMES_MALFORMED = "outcomes.malformed";

    private Reason() {}
}

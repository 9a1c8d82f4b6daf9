package org.ecowatch.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ecowatch.configs.Thresholds;
import org.ecowatch.ingest.deadletter.Reason;
import org.ecowatch.ingest.reading.Reading;

/** Validates one element of a batch's {@code readings} array (CONTRACT §2). */
final class ReadingValidator {
    static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final String FLAGS = "NFMSDCTB";

    /** Either a reading or the reason and detail of its rejection. */
    record Result(Reading reading, String reason, String detail) {
        static Result rejected(String reason, String detail) {
            return new Result(null, reason, detail);
        }
    }

    private final Thresholds thresholds;
    private final long batchTs;
    private final long receivedAt;

    ReadingValidator(Thresholds thresholds, long batchTs, long receivedAt) {
        this.thresholds = thresholds;
        this.batchTs = batchTs;
        this.receivedAt = receivedAt;
    }

    Result validate(JsonNode item, String enterpriseId, String deviceId) {
        if (!item.isObject()) {
            return Result.rejected(Reason.SCHEMA_INVALID, "must be an object with \"metric\" and \"value\"");
        }
        JsonNode metricNode = item.get("metric");
        if (metricNode == null || !metricNode.isTextual()) {
            return Result.rejected(Reason.SCHEMA_INVALID, "metric: required string (e.g. \"w01018\" or \"power.active\")");
        }
        String metric = metricNode.asText();
        if (!METRIC.matcher(metric).matches()) {
            return Result.rejected(Reason.METRIC_INVALID, "metric: \"" + abbreviate(metric) + "\" is not a metric code");
        }
        JsonNode value = item.get("value");
        if (value == null || !value.isNumber()) {
            return Result.rejected(Reason.VALUE_INVALID, "value: required number, got " + describe(value));
        }
        double v = value.doubleValue();
        if (!Double.isFinite(v)) {
            return Result.rejected(Reason.VALUE_INVALID, "value: " + abbreviate(value.asText()) + " is not a finite number");
        }
        String unitProblem = checkUnit(metric, item.get("unit"));
        if (unitProblem != null) {
            return Result.rejected(Reason.UNIT_MISMATCH, unitProblem);
        }
        JsonNode flagNode = item.get("flag");
        String flag = "N";
        if (flagNode != null && !flagNode.isNull()) {
            flag = flagNode.asText();
            if (!flagNode.isTextual() || flag.length() != 1 || FLAGS.indexOf(flag.charAt(0)) < 0) {
                return Result.rejected(Reason.FLAG_INVALID,
                        "flag: " + abbreviate(flagNode.toString()) + " is not one of N F M S D C T B");
            }
        }
        long ts = batchTs;
        JsonNode tsNode = item.get("ts");
        if (tsNode != null && !tsNode.isNull()) {
            Timestamps.Parsed parsed = Timestamps.parse(tsNode, receivedAt);
            if (parsed.error() != null) {
                return Result.rejected(Reason.TIMESTAMP_INVALID, "ts: " + parsed.error());
            }
            ts = parsed.epochMillis();
        }
        return new Result(Reading.realTime(enterpriseId, deviceId, metric, ts, v, flag), null, null);
    }

    private String checkUnit(String metric, JsonNode unitNode) {
        if (unitNode == null || unitNode.isNull() || thresholds == null) {
            return null;
        }
        Optional<String> expected = thresholds.unitOf(metric);
        String unit = unitNode.asText();
        if (expected.isPresent() && !(unitNode.isTextual() && expected.get().equals(unit))) {
            return "unit: " + abbreviate(unitNode.toString()) + " for " + metric + "; thresholds.yaml configures \""
                    + expected.get() + "\": convert the value or fix the configured unit";
        }
        return null;
    }

    private static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : abbreviate(node.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}

package org.ecowatch.app.progress;

import java.util.Map;
import java.util.TreeMap;

/** A snapshot of the pipeline's own counters, summed over subtasks. */
public record PipelineProgress(long messagesReceived, long readingsValid, long readingsStored,
                               Map<String, Long> rejectedByReason) {

    public static PipelineProgress now() {
        long received = 0;
        long valid = 0;
        long stored = 0;
        Map<String, Long> rejected = new TreeMap<>();
        for (ProgressReporter.Tracked t : ProgressReporter.COUNTERS.values()) {
            long count = t.counter().getCount();
            switch (t.name()) {
                case "mqttReceived" -> received += count;
                case "readingsValid" -> valid += count;
                case "readingsStored" -> stored += count;
                case "rejected" -> rejected.merge(t.reason(), count, Long::sum);
                default -> { }
            }
        }
        return new PipelineProgress(received, valid, stored, rejected);
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One terminal line: {@code messages 1,204 · readings 8,312 valid, 8,300 stored · rejected 6 (json.malformed 2, …)}. */
    public String line() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("messages %,d received · readings %,d valid, %,d stored · rejected %,d",
                messagesReceived, readingsValid, readingsStored, rejected()));
        if (!rejectedByReason.isEmpty()) {
            s.append(" (");
            rejectedByReason.forEach((reason, n) -> s.append(reason).append(' ').append(n).append(", "));
            s.setLength(s.length() - 2);
            s.append(')');
        }
        return s.toString();
    }
}

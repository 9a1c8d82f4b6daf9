package org.ecowatch.ingest.mqtt.source;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.ecowatch.ingest.mqtt.InboundMessage;

/**
 * Records every message of a test run in a static collection the test reads (the mini cluster
 * runs in the test JVM) and, when asked, throws once after a number of non-probe messages to
 * make the job fail between checkpoints. Chained to the source, so its subtask is the source's.
 */
final class RecordingMap extends RichMapFunction<InboundMessage, InboundMessage> {

    private static final Map<String, ConcurrentLinkedQueue<Recorded>> RECORDS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

    static final String PROBE = "probe-";

    private final String run;
    private final int failAfter;
    private transient int subtask;

    /** @param failAfter throw once when this many non-probe messages were seen; 0 never */
    RecordingMap(String run, int failAfter) {
        this.run = run;
        this.failAfter = failAfter;
    }

    static List<Recorded> records(String run) {
        return List.copyOf(RECORDS.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>()));
    }

    static boolean failed(String run) {
        return FAILED.computeIfAbsent(run, k -> new AtomicBoolean()).get();
    }

    @Override
    public void open(OpenContext openContext) {
        subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }

    @Override
    public InboundMessage map(InboundMessage message) {
        String payload = new String(message.payload(), StandardCharsets.UTF_8);
        RECORDS.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>()).add(new Recorded(subtask, message.topic(), payload));
        if (failAfter > 0 && !payload.startsWith(PROBE)
                && COUNTS.computeIfAbsent(run, k -> new AtomicInteger()).incrementAndGet() >= failAfter
                && FAILED.computeIfAbsent(run, k -> new AtomicBoolean()).compareAndSet(false, true)) {
            throw new IllegalStateException("Injected failure after " + failAfter + " messages (test)");
        }
        return message;
    }
}

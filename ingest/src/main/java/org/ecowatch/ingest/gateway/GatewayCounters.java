package org.ecowatch.ingest.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The gateway's counters; updated from event-loop and MQTT threads, read by {@link Hj212Gateway#stats()}. */
final class GatewayCounters {

    final AtomicInteger connectionsOpen = new AtomicInteger();
    final LongAdder connectionsAccepted = new LongAdder();
    final LongAdder connectionsRefused = new LongAdder();
    final LongAdder connectionsClosedIdle = new LongAdder();
    final LongAdder connectionsClosedUnreadAcks = new LongAdder();
    final LongAdder framesPublished = new LongAdder();
    final LongAdder acksSent = new LongAdder();
    final LongAdder deadLettersPublished = new LongAdder();
    final LongAdder publishFailures = new LongAdder();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

    void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    Hj212GatewayStats snapshot(boolean brokerConnected) {
        Map<String, Long> byReason = new TreeMap<>();
        rejected.forEach((reason, count) -> byReason.put(reason, count.sum()));
        return new Hj212GatewayStats(connectionsOpen.get(), connectionsAccepted.sum(), connectionsRefused.sum(),
                connectionsClosedIdle.sum(), connectionsClosedUnreadAcks.sum(), framesPublished.sum(), acksSent.sum(),
                byReason, deadLettersPublished.sum(), publishFailures.sum(), brokerConnected);
    }
}

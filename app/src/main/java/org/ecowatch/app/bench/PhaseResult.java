package org.ecowatch.app.bench;

import java.util.List;

/**
 * What one phase measured: throughput, CPU and backlog over its measuring window; heap after GC once the load ends;
 * latencies (pipeline) at {@link Phase#LATENCY_LOAD} of that throughput.
 *
 * @param brokerCpuCores   the broker process's CPU over the window, or null when it is not the bench's own process
 * @param backlog          messages acknowledged by the broker and not yet taken, at the window's end
 * @param gatedShare       share of the window the publishers waited for the consumer (near 1: the consumer is the limit)
 * @param rounds           messages per fleet device when the heap was measured, i.e. readings per series
 * @param latencyLoad      messages/s taken while the probes were timed (offered: {@link Phase#LATENCY_LOAD} of the throughput)
 * @param stored           publish → stored latencies of the markers sent in the window (pipeline only)
 * @param markers          markers sent in the window
 * @param alerts           publish → alert latencies of the violations injected in the window (pipeline only)
 * @param violations       violations injected in the window
 * @param unreleased       violations whose releasing round was not published before the phase ended
 * @param problems         what went wrong: messages lost, readings not stored, dead letters, a failed job …
 */
record PhaseResult(Phase.Kind kind, int devices, long series, int repeat, double messagesPerSecond, double readingsPerSecond,
                   double cpuCores, Double brokerCpuCores, long heapAfterGc, long heapPeak, long backlog, double gatedShare,
                   long rounds, double latencyLoad, Latencies stored, int markers, Latencies alerts, int violations, int unreleased, long leads,
                   List<String> problems) {

    PhaseResult {
        problems = List.copyOf(problems);
    }
}

package org.ecowatch.app.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The tables a bench prints at its end (Markdown, to paste into docs/BENCHMARKS.md): throughput, latency and memory
 * per fleet size. Throughput, CPU and heap are medians over the repeats; the pipeline ÷ baseline ratio is the median
 * of each repeat's own pair (the two phases ran back to back); latencies pool every repeat's samples.
 */
final class BenchReport {
    private final List<Integer> fleets;
    private final List<PhaseResult> results;
    private final List<String> failedPhases;

    BenchReport(List<Integer> fleets, List<PhaseResult> results, List<String> failedPhases) {
        this.fleets = fleets;
        this.results = List.copyOf(results);
        this.failedPhases = List.copyOf(failedPhases);
    }

    void print(PrintWriter out) {
        out.println();
        out.println("Throughput (medians over repeats; msg/s and readings/s taken over the measuring window):");
        out.println();
        out.println("| devices | series | baseline msg/s | pipeline msg/s | pipeline readings/s (stored) | pipeline ÷ baseline"
                + " | CPU baseline / pipeline (cores, bench JVM) | broker CPU baseline / pipeline (cores) |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int devices : fleets) {
            List<PhaseResult> baseline = of(devices, Phase.Kind.BASELINE);
            List<PhaseResult> pipeline = of(devices, Phase.Kind.PIPELINE);
            out.printf("| %,d | %,d | %s | %s | %s | %s | %s / %s | %s / %s |%n", devices, (long) devices * BenchFleet.READINGS_PER_MESSAGE,
                    number(baseline, PhaseResult::messagesPerSecond), number(pipeline, PhaseResult::messagesPerSecond),
                    number(pipeline, PhaseResult::readingsPerSecond), ratio(devices),
                    decimal(baseline, PhaseResult::cpuCores), decimal(pipeline, PhaseResult::cpuCores),
                    brokerCpu(baseline), brokerCpu(pipeline));
        }
        out.println();
        out.printf("Latency (pipeline, at %.0f %% of its throughput; every repeat's samples; p50 / p99 / max):%n", 100 * Phase.LATENCY_LOAD);
        out.println();
        out.println("| devices | load while timed (msg/s) | publish → stored | markers timed | publish → alert (beyond the 5 min watermark wait) | violations timed / injected |");
        out.println("|---:|---:|---:|---:|---:|---:|");
        for (int devices : fleets) {
            List<PhaseResult> pipeline = of(devices, Phase.Kind.PIPELINE);
            Latencies stored = Latencies.pooled(pipeline.stream().map(PhaseResult::stored).toList());
            Latencies alerts = Latencies.pooled(pipeline.stream().map(PhaseResult::alerts).toList());
            int markers = pipeline.stream().mapToInt(PhaseResult::markers).sum();
            int violations = pipeline.stream().mapToInt(PhaseResult::violations).sum();
            int unreleased = pipeline.stream().mapToInt(PhaseResult::unreleased).sum();
            out.printf("| %,d | %s | %s | %d / %d | %s | %d / %d%s |%n", devices, number(pipeline, PhaseResult::latencyLoad),
                    stored.summary(), stored.count(), markers, alerts.summary(),
                    alerts.count(), violations, unreleased == 0 ? "" : " (" + unreleased + " not yet released when the phase ended)");
        }
        out.println();
        out.println("Memory (medians over repeats; heap after a full GC at the window's end):");
        out.println();
        out.println("| devices | series | heap after GC baseline / pipeline (MB) | pipeline − baseline per series | readings per series by then | peak heap pipeline (MB) |");
        out.println("|---:|---:|---:|---:|---:|---:|");
        for (int devices : fleets) {
            List<PhaseResult> baseline = of(devices, Phase.Kind.BASELINE);
            List<PhaseResult> pipeline = of(devices, Phase.Kind.PIPELINE);
            out.printf("| %,d | %,d | %s / %s | %s | %s | %s |%n", devices, (long) devices * BenchFleet.READINGS_PER_MESSAGE,
                    number(baseline, r -> r.heapAfterGc() / 1048576.0), number(pipeline, r -> r.heapAfterGc() / 1048576.0),
                    perSeries(devices), number(pipeline, r -> r.rounds()), number(pipeline, r -> r.heapPeak() / 1048576.0));
        }
        List<Integer> sizes = fleets.stream().sorted().toList();
        for (int i = 1; i < sizes.size(); i++) {
            List<PhaseResult> smaller = of(sizes.get(i - 1), Phase.Kind.PIPELINE);
            List<PhaseResult> larger = of(sizes.get(i), Phase.Kind.PIPELINE);
            if (!smaller.isEmpty() && !larger.isEmpty()) {
                // The job's fixed heap (cluster, buffers, registry copies of a small fleet) cancels out between two sizes.
                double added = median(larger.stream().mapToDouble(PhaseResult::heapAfterGc).toArray())
                        - median(smaller.stream().mapToDouble(PhaseResult::heapAfterGc).toArray());
                long series = larger.get(0).series() - smaller.get(0).series();
                out.printf("%nHeap per added series, %,d → %,d devices: %,.0f B (pipeline heap after GC, difference of medians ÷ %,d series).",
                        sizes.get(i - 1), sizes.get(i), added / series, series);
            }
        }
        if (sizes.size() > 1) {
            out.println();
        }
        List<String> problems = new ArrayList<>(failedPhases);
        for (PhaseResult r : results) {
            r.problems().forEach(p -> problems.add(String.format("%s %,d devices #%d: %s", r.kind().name().toLowerCase(), r.devices(),
                    r.repeat(), p)));
        }
        out.println();
        out.println(problems.isEmpty() ? "No problems: every published message was taken, every reading stored, no dead letter."
                : "Problems:\n  - " + String.join("\n  - ", problems));
        out.flush();
    }

    private List<PhaseResult> of(int devices, Phase.Kind kind) {
        return results.stream().filter(r -> r.devices() == devices && r.kind() == kind).toList();
    }

    private String ratio(int devices) {
        List<Double> ratios = new ArrayList<>();
        for (PhaseResult p : of(devices, Phase.Kind.PIPELINE)) {
            of(devices, Phase.Kind.BASELINE).stream().filter(b -> b.repeat() == p.repeat() && b.messagesPerSecond() > 0).findFirst()
                    .ifPresent(b -> ratios.add(p.messagesPerSecond() / b.messagesPerSecond()));
        }
        return ratios.isEmpty() ? "–" : String.format("%.2f", median(ratios.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private String perSeries(int devices) {
        List<Double> perSeries = new ArrayList<>();
        for (PhaseResult p : of(devices, Phase.Kind.PIPELINE)) {
            of(devices, Phase.Kind.BASELINE).stream().filter(b -> b.repeat() == p.repeat()).findFirst()
                    .ifPresent(b -> perSeries.add((p.heapAfterGc() - b.heapAfterGc()) / (double) p.series()));
        }
        return perSeries.isEmpty() ? "–" : String.format("%,.0f B", median(perSeries.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private static String brokerCpu(List<PhaseResult> phases) {
        List<PhaseResult> measured = phases.stream().filter(r -> r.brokerCpuCores() != null).toList();
        return measured.isEmpty() ? "–" : decimal(measured, PhaseResult::brokerCpuCores);
    }

    private static String number(List<PhaseResult> phases, ToDoubleFunction<PhaseResult> value) {
        return phases.isEmpty() ? "–" : String.format("%,.0f", median(phases.stream().mapToDouble(value).toArray()));
    }

    private static String decimal(List<PhaseResult> phases, ToDoubleFunction<PhaseResult> value) {
        return phases.isEmpty() ? "–" : String.format("%.2f", median(phases.stream().mapToDouble(value).toArray()));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

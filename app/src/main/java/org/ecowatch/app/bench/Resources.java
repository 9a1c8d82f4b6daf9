package org.ecowatch.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The bench process's own CPU time and heap. */
final class Resources {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Resources() {}

    /** CPU time of this JVM (every thread: publishers, subscriber, pipeline, embedded store). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long heapUsed() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Heap still in use after a full collection: what the live objects (state, registry copies, buffers) take. */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return heapUsed();
    }

    static long maxHeap() {
        return MEMORY.getHeapMemoryUsage().getMax();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static long totalMemory() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }
}

package org.ecowatch.app.bench;

/** What takes the fleet's messages from the broker in a phase: the baseline subscriber or the pipeline. */
interface Receiver extends AutoCloseable {
    /** Messages taken from the broker so far. */
    long messages();

    /** Readings so far: stored (pipeline) or carried (baseline, eight a message). */
    long readings();

    @Override
    void close();
}

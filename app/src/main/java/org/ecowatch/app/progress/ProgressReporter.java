package org.ecowatch.app.progress;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.ConfigConstants;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps ecowatch's own counters (group {@code ecowatch}) where the launcher can
 * read them: the pipeline runs on a mini cluster in the launcher's JVM, so the progress line needs no
 * external metrics system. Counters of every subtask are summed by {@link PipelineProgress}.
 */
public final class ProgressReporter implements MetricReporter {
    private static final String NAME = "ecowatch-progress";

    /** Live counters, keyed by the metric's full identifier (one per subtask). */
    static final Map<String, Tracked> COUNTERS = new ConcurrentHashMap<>();

    record Tracked(String name, String reason, Counter counter) {}

    /** Adds this reporter to a job configuration. */
    public static void register(Configuration config) {
        config.set(MetricOptions.REPORTERS_LIST, NAME);
        config.setString(ConfigConstants.METRICS_REPORTER_PREFIX + NAME + "." + MetricOptions.REPORTER_FACTORY_CLASS.key(),
                Factory.class.getName());
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter counter && group.getMetricIdentifier(name).contains(".ecowatch.")) {
            COUNTERS.put(group.getMetricIdentifier(name), new Tracked(name, group.getAllVariables().get("<reason>"), counter));
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // Nothing to do: a restarted subtask registers a new counter under the same identifier, replacing this one.
    }

    /** Created by Flink from the configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new ProgressReporter();
        }
    }
}

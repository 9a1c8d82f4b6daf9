package org.ecowatch.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.alerts.lifecycle.Signals.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Severity;
import org.junit.jupiter.api.Test;

/** The lifecycle wired as the job wires it, on a local environment of parallelism 2 with generic types disabled. */
class AlertLifecyclePipelineTest {

    @Test
    void runsKeyedInAJobWithoutKryoAndResolvesWhenEventTimeMovesOn() throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, config);

        List<Anomaly> signals = List.of(exceeds(TWO_PM, Severity.MAJOR, 130.0),
                outOfRange(TWO_PM + 10 * MINUTE),
                exceeds(TWO_PM + HOUR, TWO_PM - HOUR, Severity.CRITICAL, 160.0),
                backInRange(TWO_PM + HOUR + 10 * MINUTE),
                exceedanceClears(TWO_PM + 2 * HOUR, Severity.CRITICAL, 80.0));
        List<Alert> alerts = new ArrayList<>();
        try (CloseableIterator<Alert> out = env.fromData(TypeInformation.of(Anomaly.class), signals.toArray(Anomaly[]::new))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Anomaly>forMonotonousTimestamps()
                        .withTimestampAssigner((s, t) -> s.at()))
                .keyBy(AlertLifecycle.byConditionKey())
                .process(new AlertLifecycle(Signals.config(), LifecycleParameters.defaults()))
                .uid("alert-lifecycle").name("alert lifecycle")
                .executeAndCollect()) {
            out.forEachRemaining(alerts::add);
        }

        alerts.sort(Comparator.comparing(Alert::rule).thenComparing(Alert::at));
        assertThat(alerts).extracting(a -> a.rule() + " " + a.state()).containsExactly(
                "EXCEEDANCE OPENED", "EXCEEDANCE ESCALATED", "EXCEEDANCE RESOLVED",
                "OUT_OF_RANGE OPENED", "OUT_OF_RANGE RESOLVED");
        assertThat(alerts.get(2).at()).isEqualTo(TWO_PM + 3 * HOUR);
        assertThat(alerts.get(4).at()).isEqualTo(TWO_PM + HOUR + 25 * MINUTE);
        assertThat(alerts.stream().filter(a -> a.state() == AlertState.RESOLVED)).allMatch(a -> a.flapping() == false);
    }
}

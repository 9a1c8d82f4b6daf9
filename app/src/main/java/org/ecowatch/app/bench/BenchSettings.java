package org.ecowatch.app.bench;

import java.time.Duration;
import java.util.List;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/**
 * What one {@code ./ecowatch bench} run measures.
 *
 * @param fleets             fleet sizes in devices, each measured in turn
 * @param warmup             load before each phase's measuring window (job start, JIT, state filling)
 * @param duration           each phase's measuring window
 * @param repeat             how many baseline/pipeline pairs per fleet size (ABAB…)
 * @param broker             an external broker, or null to start one of the bench's own
 * @param checkpointInterval the pipeline's checkpoint interval: its MQTT sessions acknowledge on checkpoints
 * @param parallelism        the pipeline's parallelism
 */
public record BenchSettings(List<Integer> fleets, Duration warmup, Duration duration, int repeat,
                            MqttConnectionSettings broker, Duration checkpointInterval, int parallelism) {

    public BenchSettings {
        fleets = List.copyOf(fleets);
        if (fleets.isEmpty() || fleets.stream().anyMatch(n -> n < 2)) {
            throw new IllegalArgumentException("--fleet needs sizes of at least 2 devices, got " + fleets);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        if (duration.toMillis() < 1000 || warmup.isNegative()) {
            throw new IllegalArgumentException("--duration must be at least PT1S and --warmup not negative, got "
                    + duration + " and " + warmup);
        }
        if (checkpointInterval.toMillis() < 100) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least PT0.1S, got " + checkpointInterval);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        }
    }
}

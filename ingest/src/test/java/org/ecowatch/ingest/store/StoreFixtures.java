package org.ecowatch.ingest.store;

import org.ecowatch.configs.Device;
import org.ecowatch.configs.District;
import org.ecowatch.configs.Enterprise;
import org.ecowatch.configs.PipelineConfig;
import org.ecowatch.configs.Registry;
import org.ecowatch.ingest.reading.Reading;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A small registry (one device of each kind) and readings for it, at named instants. */
final class StoreFixtures {

    static final Instant MORNING = Instant.parse("2026-11-27T00:00:00Z");
    static final long HOUR = Duration.ofHours(1).toMillis();

    static final String PAPER_MILL = "paper-mill";
    static final String OUTLET = "outlet-1";
    static final String STACK = "stack-1";
    static final String PUMP_POWER = "pump-power";
    static final String WATER_IN = "water-in";

    private StoreFixtures() {}

    /** {@code paper-mill} with a wastewater outlet, a flue-gas stack, a power meter and a water meter. */
    static Registry registry(String enterpriseId) {
        List<Device> devices = List.of(
                device(OUTLET, Device.Kind.WASTEWATER_OUTLET, List.of("w01018", "w21003")),
                device(STACK, Device.Kind.FLUE_GAS_OUTLET, List.of("a21026", "a21002")),
                device(PUMP_POWER, Device.Kind.POWER_METER, Device.Kind.POWER_METER.defaultMetrics()),
                device(WATER_IN, Device.Kind.WATER_METER, Device.Kind.WATER_METER.defaultMetrics()));
        Enterprise enterprise = new Enterprise(enterpriseId, "Wangcheng Paper Co.", "wangcheng", "paper",
                Enterprise.Supervision.KEY, false, null, null, null, devices);
        return new Registry(List.of(new District("wangcheng", "Wangcheng", List.of())), List.of(enterprise), List.of());
    }

    static Registry registry() {
        return registry(PAPER_MILL);
    }

    static Device device(String id, Device.Kind kind, List<String> metrics) {
        return new Device(id, kind, metrics, Duration.ofMinutes(1), null, null, false, null, null, null);
    }

    static PipelineConfig.Store store(String url) {
        return new PipelineConfig.Store(url, "ecowatch", "readings", null);
    }

    static long at(int minutes) {
        return MORNING.plus(Duration.ofMinutes(minutes)).toEpochMilli();
    }

    /** {@code count} real-time COD readings of the outlet, one a minute, value = minute index + offset. */
    static List<Reading> codReadings(String enterpriseId, int count, double offset) {
        List<Reading> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            readings.add(Reading.realTime(enterpriseId, OUTLET, "w01018", at(i), i + offset, "N"));
        }
        return readings;
    }

    static void writeAll(ReadingsStoreWriter writer, List<Reading> readings) throws Exception {
        for (Reading reading : readings) {
            writer.write(reading, null);
        }
    }

    /** A loopback port that nothing listens on (it was free a moment ago). */
    static int portWithNothingListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Reading hourlyAverage(String enterpriseId, String deviceId, String metric, int hour, double value) {
        return new Reading(enterpriseId, deviceId, metric, MORNING.toEpochMilli() + hour * HOUR, value, "N", "Avg", HOUR);
    }
}

package org.ecowatch.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lookups in a registry of a province's size, as the pipeline makes them for every message. */
class RegistryTest {
    static final int ENTERPRISES = 20_000;

    static Registry registry(int size) {
        List<Enterprise> enterprises = new ArrayList<>();
        for (int e = 0; e < size; e++) {
            Device outlet = new Device("ww-01", Device.Kind.WASTEWATER_OUTLET, List.of("w01018"), Duration.ofMinutes(1),
                    mn(e), null, false, null, null, null);
            enterprises.add(new Enterprise("e" + e, "Enterprise " + e, "d1", null, Enterprise.Supervision.GENERAL, false, null, null,
                    null, List.of(outlet)));
        }
        return new Registry(List.of(), enterprises, List.of());
    }

    static String mn(int enterprise) {
        return "43" + (1_000_000_000_000L + enterprise);
    }

    @Test
    void findsEnterprisesDevicesAndMnsAmongTwentyThousandEnterprisesWithoutScanning() {
        Registry registry = registry(ENTERPRISES);
        long start = System.nanoTime();
        int found = 0;
        for (int e = 0; e < ENTERPRISES; e++) {
            String key = "e" + e + "/ww-01";
            boolean byId = registry.device("e" + e, "ww-01").isPresent();
            boolean byMn = registry.deviceByMn(mn(e)).map(ref -> ref.key().equals(key)).orElse(false);
            found += byId && byMn ? 1 : 0;
        }
        assertThat(found).isEqualTo(ENTERPRISES);
        // A scan per lookup would take minutes here (4·10^4 lookups × 2·10^4 enterprises); the index takes milliseconds.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(registry.enterprise("nobody")).isEmpty();
        assertThat(registry.deviceByMn("99999999999999")).isEmpty();
    }

    @Test
    void isEqualToTheSameRegistryAndStillFindsAfterJavaSerializationAsInAFlinkJobGraph() throws Exception {
        Registry registry = registry(100);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(registry);
        }
        Registry copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Registry) in.readObject();
        }

        assertThat(copy).isEqualTo(registry).isEqualTo(new Registry(List.of(), List.copyOf(registry.enterprises()), List.of()));
        assertThat(copy.device("e99", "ww-01")).isPresent();
        assertThat(copy.deviceByMn(mn(7))).get().extracting(Registry.DeviceRef::key).isEqualTo("e7/ww-01");
    }
}

package org.ecowatch.configs;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A supervised enterprise. {@code address}, {@code contact} and {@code timeZone} may be null;
 * a null time zone means the pipeline's {@code timeZone}.
 */
public record Enterprise(
        String id,
        String name,
        String district,
        String industry,
        Supervision supervision,
        boolean positiveList,
        String address,
        String contact,
        ZoneId timeZone,
        List<Device> devices) implements Serializable {

    public enum Supervision { KEY, GENERAL }

    public Optional<Device> device(String deviceId) {
        for (Device d : devices) { // a loop, not a stream: the rules ask for every reading
            if (d.id().equals(deviceId)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}

package org.ecowatch.configs;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** {@code registry.yaml}: districts, enterprises with their devices, maintenance windows (CONTRACT §8). */
public record Registry(List<District> districts, List<Enterprise> enterprises, List<MaintenanceWindow> maintenance)
        implements Serializable {

    public Optional<Enterprise> enterprise(String enterpriseId) {
        return enterprises.stream().filter(e -> e.id().equals(enterpriseId)).findFirst();
    }

    public Optional<Device> device(String enterpriseId, String deviceId) {
        return enterprise(enterpriseId).flatMap(e -> e.device(deviceId));
    }

    /** The device that owns an HJ 212 MN, with its enterprise. */
    public Optional<DeviceRef> deviceByMn(String mn) {
        for (Enterprise e : enterprises) {
            for (Device d : e.devices()) {
                if (mn.equals(d.mn())) {
                    return Optional.of(new DeviceRef(e, d));
                }
            }
        }
        return Optional.empty();
    }

    /** A device with the enterprise it belongs to. */
    public record DeviceRef(Enterprise enterprise, Device device) implements Serializable {
        /** {@code enterpriseId/deviceId}, the form device references take in configuration. */
        public String key() {
            return enterprise.id() + "/" + device.id();
        }
    }
}

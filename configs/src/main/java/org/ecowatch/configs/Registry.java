package org.ecowatch.configs;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** {@code registry.yaml}: districts, enterprises with their devices, maintenance windows (CONTRACT §8). */
public record Registry(List<District> districts, List<Enterprise> enterprises, List<MaintenanceWindow> maintenance)
        implements Serializable {

    public Registry {
        // Indexed for the lookups below; equal to any list with the same enterprises.
        enterprises = enterprises == null || enterprises instanceof Enterprises ? enterprises : new Enterprises(enterprises);
    }

    public Optional<Enterprise> enterprise(String enterpriseId) {
        return Optional.ofNullable(((Enterprises) enterprises).byId(enterpriseId));
    }

    public Optional<Device> device(String enterpriseId, String deviceId) {
        return enterprise(enterpriseId).flatMap(e -> e.device(deviceId));
    }

    /** The device that owns an HJ 212 MN, with its enterprise. */
    public Optional<DeviceRef> deviceByMn(String mn) {
        return Optional.ofNullable(((Enterprises) enterprises).byMn(mn));
    }

    /** A device with the enterprise it belongs to. */
    public record DeviceRef(Enterprise enterprise, Device device) implements Serializable {
        /** {@code enterpriseId/deviceId}, the form device references take in configuration. */
        public String key() {
            return enterprise.id() + "/" + device.id();
        }
    }
}

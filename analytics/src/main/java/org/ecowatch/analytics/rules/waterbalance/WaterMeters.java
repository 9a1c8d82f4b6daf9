package org.ecowatch.analytics.rules.waterbalance;

import java.util.List;
import java.util.Optional;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.Enterprise;

/** The meters of one enterprise that WATER_BALANCE reads, in registry order. */
record WaterMeters(List<Device> intake, List<Device> discharge, List<Device> production) {

    static WaterMeters of(Enterprise enterprise) {
        return new WaterMeters(withRole(enterprise, Device.Kind.WATER_METER, Device.Role.INTAKE),
                withRole(enterprise, Device.Kind.WATER_METER, Device.Role.DISCHARGE),
                withRole(enterprise, Device.Kind.POWER_METER, Device.Role.PRODUCTION).stream()
                        .filter(d -> d.runningAbove() != null).toList());
    }

    private static List<Device> withRole(Enterprise enterprise, Device.Kind kind, Device.Role role) {
        return enterprise.devices().stream().filter(d -> d.kind() == kind && d.role() == role).toList();
    }

    /** Water in and water out are both metered, so the rule can compare them. */
    boolean judgeable() {
        return !intake.isEmpty() && !discharge.isEmpty();
    }

    /** Without a production power meter the rule assumes production ran every day. */
    boolean meteredProduction() {
        return !production.isEmpty();
    }

    Optional<Device.Role> waterRole(String deviceId) {
        if (find(intake, deviceId).isPresent()) {
            return Optional.of(Device.Role.INTAKE);
        }
        return find(discharge, deviceId).map(d -> Device.Role.DISCHARGE);
    }

    Optional<Device> productionMeter(String deviceId) {
        return find(production, deviceId);
    }

    /** The discharge meter a signal is reported on: the first one the registry lists. */
    Device reportedMeter() {
        return discharge.get(0);
    }

    private static Optional<Device> find(List<Device> devices, String deviceId) {
        return devices.stream().filter(d -> d.id().equals(deviceId)).findFirst();
    }
}

package org.ecowatch.analytics.rules.treatmentoff;

import java.util.List;
import org.ecowatch.configs.Device;
import org.ecowatch.configs.Enterprise;

/**
 * The power meters of one enterprise that TREATMENT_OFF can judge: meters with a role and a {@code runningAbove}.
 * Registry order is kept, so the first treatment meter (the one an anomaly names) is stable.
 */
record PowerMeters(List<Device> production, List<Device> treatment) {

    static PowerMeters of(Enterprise enterprise) {
        return new PowerMeters(withRole(enterprise, Device.Role.PRODUCTION), withRole(enterprise, Device.Role.TREATMENT));
    }

    private static List<Device> withRole(Enterprise enterprise, Device.Role role) {
        return enterprise.devices().stream()
                .filter(d -> d.kind() == Device.Kind.POWER_METER && d.role() == role && d.runningAbove() != null)
                .toList();
    }

    /** Both sides are metered, so the rule can compare them. */
    boolean judgeable() {
        return !production.isEmpty() && !treatment.isEmpty();
    }

    boolean contains(String deviceId) {
        return production.stream().anyMatch(d -> d.id().equals(deviceId))
                || treatment.stream().anyMatch(d -> d.id().equals(deviceId));
    }

    /** The treatment meter an anomaly is reported on: the first one the registry lists. */
    Device reportedMeter() {
        return treatment.get(0);
    }

    /**
     * Below this a treatment meter counts as idling: {@code idleFraction} × its rated power, but never below its
     * running threshold, so a facility that is off is also idling (off ⊂ idling). Without a rated power a meter can
     * only be judged off.
     */
    static double idleBelow(Device treatmentMeter, double idleFraction) {
        double running = treatmentMeter.runningAbove();
        return treatmentMeter.ratedPower() == null ? running : Math.max(running, idleFraction * treatmentMeter.ratedPower());
    }
}

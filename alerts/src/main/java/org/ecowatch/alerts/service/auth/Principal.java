package org.ecowatch.alerts.service.auth;

import java.util.Objects;

/**
 * Who a request comes from.
 *
 * @param name     the station's name or the officer's id: what history entries record as the actor
 * @param district the officer's district; null for the station, which sees every district
 */
public record Principal(String name, Role role, String district) {

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (role == Role.OFFICER && district == null) {
            throw new IllegalArgumentException("officer " + name + " needs a district");
        }
        if (role == Role.STATION && district != null) {
            throw new IllegalArgumentException("the station sees every district; give it none");
        }
    }

    public static Principal station(String name) {
        return new Principal(name, Role.STATION, null);
    }

    public static Principal officer(String officerId, String district) {
        return new Principal(officerId, Role.OFFICER, district);
    }

    public boolean isStation() {
        return role == Role.STATION;
    }

    /** Whether this principal may see, and act on, data of {@code district}. */
    public boolean mayAccess(String district) {
        return isStation() || this.district.equals(district);
    }
}

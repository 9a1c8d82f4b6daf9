package org.ecowatch.alerts.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrincipalTest {
    @Test
    void theStationMayAccessEveryDistrictAndAnOfficerOnlyTheirs() {
        assertThat(Principal.station("desk").mayAccess("north")).isTrue();
        assertThat(Principal.officer("officer-01", "north").mayAccess("north")).isTrue();
        assertThat(Principal.officer("officer-01", "north").mayAccess("south")).isFalse();
    }

    @Test
    void anOfficerWithoutADistrictCannotExist() {
        assertThatThrownBy(() -> new Principal("officer-01", Role.OFFICER, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

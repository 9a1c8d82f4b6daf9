package org.ecowatch.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.Thresholds;
import org.junit.jupiter.api.Test;

class LifecycleParametersTest {

    static Thresholds withRules(Map<String, Map<String, Object>> rules) {
        return new Thresholds(Map.of(), Map.of(), Map.of(), Map.of(), rules);
    }

    @Test
    void windowRulesClearAfterOneMoreWindowAndTheOthersAfterFifteenMinutes() {
        LifecycleParameters defaults = LifecycleParameters.defaults();

        assertThat(defaults.clearDuration("EXCEEDANCE", Duration.ofHours(24).toMillis())).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.clearDuration("EARLY_WARNING", Duration.ofMinutes(15).toMillis())).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.clearDuration("EXCEEDANCE", 0)).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.clearDuration("FLATLINE", Duration.ofHours(5).toMillis())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void readsTheClearDurationWrittenPerRule() throws ConfigException {
        LifecycleParameters p = LifecycleParameters.from(withRules(Map.of(
                "EXCEEDANCE", Map.of("criticalFactor", 2.0, "clearDuration", "PT2H"),
                "OFFLINE", Map.of("clearDuration", "PT5M"))));

        assertThat(p.clearDuration("EXCEEDANCE", 3_600_000)).isEqualTo(Duration.ofHours(2));
        assertThat(p.clearDuration("OFFLINE", 0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.clearDuration("FLATLINE", 0)).isEqualTo(LifecycleParameters.DEFAULT_CLEAR);
    }

    @Test
    void aBadClearDurationStopsTheStartNamingTheFileTheFieldAndTheFix() {
        assertThatThrownBy(() -> LifecycleParameters.from(withRules(Map.of("FLATLINE", Map.of("clearDuration", "1 hour")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("thresholds.yaml: rules.FLATLINE.clearDuration: the text \"1 hour\" is not a positive"
                        + " ISO-8601 duration (fix: write a duration such as PT15M or PT1H)");
    }

    @Test
    void theRulesOwnParametersAcceptTheClearDurationButStillRejectMisspellings() throws ConfigException {
        RuleParameters.from(withRules(Map.of("FLATLINE", Map.of("clearDuration", "PT30M"))));

        assertThatThrownBy(() -> RuleParameters.from(withRules(Map.of("FLATLINE", Map.of("clearDuraton", "PT30M")))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rules.FLATLINE.clearDuraton");
    }
}

package org.ecowatch.app.job;

import org.ecowatch.alerts.lifecycle.LifecycleParameters;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.analytics.rules.RuleParameters;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.EcowatchConfig;

/**
 * Everything the job needs from a configuration directory, with the rule and lifecycle parameters of
 * {@code thresholds.yaml} already checked, so a bad parameter stops the launcher (exit 2), not the job.
 */
public record JobSettings(EcowatchConfig config, DetectionConfig detection, LifecycleParameters lifecycle) {

    public static JobSettings from(EcowatchConfig config) throws ConfigException {
        DetectionConfig detection = new DetectionConfig(config.registry(), config.thresholds(),
                RuleParameters.from(config.thresholds()), config.pipeline().timeZone());
        return new JobSettings(config, detection, LifecycleParameters.from(config.thresholds()));
    }
}

package org.ecowatch.app.cli;

import java.nio.file.Path;
import org.ecowatch.app.job.JobSettings;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;

/** A configuration directory that cannot be used: the launcher prints every problem and exits with status 2. */
final class ConfigurationProblem extends RuntimeException {
    ConfigurationProblem(String message) {
        super(message);
    }

    /** The configuration with its rule and lifecycle parameters checked too: everything a pipeline needs. */
    static JobSettings loadForJob(Path dir) {
        EcowatchConfig config = load(dir);
        try {
            return JobSettings.from(config);
        } catch (ConfigException e) {
            throw new ConfigurationProblem("ecowatch: configuration " + dir + " cannot be used: " + e.getMessage());
        }
    }

    static EcowatchConfig load(Path dir) {
        try {
            return ConfigLoader.load(dir);
        } catch (ConfigException e) {
            throw new ConfigurationProblem("ecowatch: configuration " + dir + " cannot be used: " + e.getMessage());
        }
    }
}

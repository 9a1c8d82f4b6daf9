package org.ecowatch.app.cli;

import java.nio.file.Path;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;

/** A configuration directory that cannot be used: the launcher prints every problem and exits with status 2. */
final class ConfigurationProblem extends RuntimeException {
    ConfigurationProblem(String message) {
        super(message);
    }

    static EcowatchConfig load(Path dir) {
        try {
            return ConfigLoader.load(dir);
        } catch (ConfigException e) {
            throw new ConfigurationProblem("ecowatch: configuration " + dir + " cannot be used: " + e.getMessage());
        }
    }
}

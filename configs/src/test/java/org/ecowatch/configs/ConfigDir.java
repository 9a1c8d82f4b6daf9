package org.ecowatch.configs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A configuration directory written by a test: a small valid configuration, with one file replaced at will. */
final class ConfigDir {
    static final String PIPELINE = "";
    static final String REGISTRY = """
            districts:
              - id: north
                name: 北片区
                officers:
                  - {id: officer-01, name: 张三}
              - id: south
                name: 南片区
            enterprises:
              - id: ent-001
                name: 某造纸有限公司
                district: north
                industry: paper
                supervision: KEY
                devices:
                  - id: ww-01
                    kind: WASTEWATER_OUTLET
                    metrics: [w01018, w21003]
                    interval: PT30S
                    mn: "88888880000001"
                  - id: pm-prod
                    kind: POWER_METER
                    role: PRODUCTION
                    runningAbove: 20.0
                    ratedPower: 250.0
                    interval: PT1M
              - id: ent-002
                name: 某电镀有限公司
                district: south
                industry: electroplating
                supervision: GENERAL
                devices:
                  - id: ww-01
                    kind: WASTEWATER_OUTLET
                    metrics: [w01018]
                    interval: PT1M
                    mn: "88888880000002"
            """;
    static final String THRESHOLDS = """
            metrics:
              w01018: {unit: mg/L, limit: 100.0, averaging: PT1H, range: [0, 1000]}
              w21003: {unit: mg/L, limit: 15.0, range: [0, 100]}
            """;

    private final Path dir;

    private ConfigDir(Path dir) {
        this.dir = dir;
    }

    /** The valid default files in {@code dir}. */
    static ConfigDir in(Path dir) {
        return new ConfigDir(dir)
                .with(ConfigLoader.PIPELINE_FILE, PIPELINE)
                .with(ConfigLoader.REGISTRY_FILE, REGISTRY)
                .with(ConfigLoader.THRESHOLDS_FILE, THRESHOLDS);
    }

    ConfigDir with(String file, String content) {
        try {
            Files.writeString(dir.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ConfigDir without(String file) {
        try {
            Files.delete(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path path() {
        return dir;
    }

    EcowatchConfig load() throws ConfigException {
        return ConfigLoader.load(dir);
    }

    /** The problems loading reports; fails when loading succeeds. */
    List<ConfigProblem> problems() {
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class);
        return catchThrowableOfType(ConfigException.class, this::load).problems();
    }
}

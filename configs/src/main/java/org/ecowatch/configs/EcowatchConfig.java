package org.ecowatch.configs;

import java.io.Serializable;

/** A loaded and validated configuration directory: {@code pipeline.yaml}, {@code registry.yaml}, {@code thresholds.yaml}. */
public record EcowatchConfig(String directory, PipelineConfig pipeline, Registry registry, Thresholds thresholds)
        implements Serializable {}

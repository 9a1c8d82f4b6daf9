package org.ecowatch.configs;

import java.io.Serializable;
import java.time.Duration;

/** Limit settings for one metric; in an override every field may be null (meaning: inherit). */
public record MetricLimits(String unit, Double limit, Duration averaging, Double rangeMin, Double rangeMax)
        implements Serializable {

    /** These settings with every non-null field of {@code override} taking precedence. */
    public MetricLimits overriddenBy(MetricLimits override) {
        if (override == null) {
            return this;
        }
        return new MetricLimits(
                override.unit != null ? override.unit : unit,
                override.limit != null ? override.limit : limit,
                override.averaging != null ? override.averaging : averaging,
                override.rangeMin != null ? override.rangeMin : rangeMin,
                override.rangeMax != null ? override.rangeMax : rangeMax);
    }
}

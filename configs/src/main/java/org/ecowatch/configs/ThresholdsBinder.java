package org.ecowatch.configs;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds {@code thresholds.yaml} to {@link Thresholds}. Override keys are checked against the registry (when it
 * could be read): enterprise ids and {@code enterpriseId/deviceId} must exist; industries are free text.
 */
final class ThresholdsBinder {
    /** The averaging period of a metric whose entry does not name one: discharge standards judge hourly means. */
    static final Duration DEFAULT_AVERAGING = Duration.ofHours(1);

    private static final List<String> ROOT_KEYS = List.of("metrics", "industries", "enterprises", "devices", "rules");
    private static final List<String> METRIC_KEYS = List.of("unit", "limit", "averaging", "range");
    private static final List<String> OVERRIDE_KEYS = List.of("limit", "averaging", "range");

    private final Set<String> metricCodes;

    private ThresholdsBinder(Set<String> metricCodes) {
        this.metricCodes = metricCodes;
    }

    /**
     * @param enterpriseIds the enterprise ids registry.yaml defines, or null when it could not be read (then
     *     override keys go unchecked)
     * @param deviceKeys the {@code enterpriseId/deviceId} it defines, or null likewise
     */
    static Thresholds bind(Node root, Set<String> enterpriseIds, Set<String> deviceKeys) {
        root.checkKeys(ROOT_KEYS);
        Map<String, Node> metricNodes = root.get("metrics").entries();
        Map<String, MetricLimits> metrics = new LinkedHashMap<>();
        metricNodes.forEach((code, node) -> {
            MetricLimits limits = metric(code, node);
            if (limits != null) {
                metrics.put(code, limits);
            }
        });
        // overrides may name any metric written under `metrics`, even one with problems of its own
        ThresholdsBinder binder = new ThresholdsBinder(metricNodes.keySet());
        return new Thresholds(
                Collections.unmodifiableMap(metrics),
                binder.overrides(root.get("industries"), null, "industry"),
                binder.overrides(root.get("enterprises"), enterpriseIds, "enterprise id"),
                binder.overrides(root.get("devices"), deviceKeys, "device (`enterpriseId/deviceId`)"),
                rules(root.get("rules")));
    }

    private static MetricLimits metric(String code, Node node) {
        if (!Node.ID.matcher(code).matches()) {
            node.problem("\"" + code + "\" is not a valid metric code",
                    "use an HJ 212 code such as `w01018` or a meter metric such as `power.active`");
            return null;
        }
        if (!node.present()) {
            node.problem("metric `" + code + "` has no settings", "write `" + code + ": {unit: mg/L, limit: 100.0}`");
            return null;
        }
        if (!node.isMapping()) {
            return null;
        }
        node.checkKeys(METRIC_KEYS);
        String meterUnit = MeterMetrics.UNITS.get(code);
        Node unitNode = node.get("unit");
        String unit = meterUnit == null ? unitNode.required("mg/L").text() : unitNode.text(meterUnit);
        if (meterUnit != null && unit != null && !unit.equals(meterUnit)) {
            unitNode.problem("the meter metric " + code + " is always in " + meterUnit + ", not " + unit,
                    "write `unit: " + meterUnit + "` or leave `unit` out");
        }
        MetricLimits limits = limits(node);
        if (limits == null) {
            return null;
        }
        return new MetricLimits(unit, limits.limit(),
                limits.averaging() == null ? DEFAULT_AVERAGING : limits.averaging(), limits.rangeMin(), limits.rangeMax());
    }

    /** limit, averaging and range of an entry (the unit is read by the caller); null when any is wrong. */
    private static MetricLimits limits(Node node) {
        Node limitNode = node.get("limit");
        Double limit = limitNode.positive();
        Duration averaging = node.get("averaging").duration();
        Node rangeNode = node.get("range");
        Double[] range = range(rangeNode);
        boolean broken = (limitNode.present() && limit == null) || (node.get("averaging").present() && averaging == null)
                || (rangeNode.present() && range == null);
        if (limit != null && range != null && limit > range[1]) {
            limitNode.problem("limit " + limit + " is above the instrument range [" + range[0] + ", " + range[1]
                    + "], so it could never be measured", "widen `range` or correct `limit`");
            broken = true;
        }
        if (broken) {
            return null;
        }
        return new MetricLimits(null, limit, averaging, range == null ? null : range[0], range == null ? null : range[1]);
    }

    private static Double[] range(Node rangeNode) {
        if (!rangeNode.present()) {
            return null;
        }
        List<Node> items = rangeNode.items();
        if (items.size() != 2) {
            if (rangeNode.raw() instanceof List) { // a non-list was reported by items()
                rangeNode.problem("a range has exactly two numbers, got " + items.size(),
                        "write `range: [min, max]`, such as `range: [0, 1000]`");
            }
            return null;
        }
        Double min = items.get(0).number();
        Double max = items.get(1).number();
        if (min == null || max == null) {
            return null;
        }
        if (min >= max) {
            rangeNode.problem("the lower bound " + fmt(min) + " is not below the upper bound " + fmt(max),
                    "write `range: [" + fmt(Math.min(min, max)) + ", " + fmt(Math.max(min, max)) + "]` with the lower bound first");
            return null;
        }
        return new Double[] {min, max};
    }

    /** One override level: key (industry, enterprise id or device key) → metric → settings that override. */
    private Map<String, Map<String, MetricLimits>> overrides(Node level, Set<String> validKeys, String what) {
        Map<String, Map<String, MetricLimits>> result = new LinkedHashMap<>();
        level.entries().forEach((key, perMetric) -> {
            if (validKeys != null && !validKeys.contains(key)) {
                perMetric.problem("no " + what + " \"" + key + "\" in registry.yaml",
                        Suggestions.didYouMean(key, validKeys) + "use one that registry.yaml defines, or remove this entry");
            }
            Map<String, MetricLimits> metrics = new LinkedHashMap<>();
            perMetric.entries().forEach((code, settings) -> {
                MetricLimits override = override(code, settings);
                if (override != null) {
                    metrics.put(code, override);
                }
            });
            result.put(key, Collections.unmodifiableMap(metrics));
        });
        return Collections.unmodifiableMap(result);
    }

    private MetricLimits override(String code, Node settings) {
        if (!metricCodes.contains(code)) {
            settings.problem("metric \"" + code + "\" is not defined in `metrics`",
                    Suggestions.didYouMean(code, metricCodes) + "overrides apply to metrics defined under `metrics`;"
                            + " define `" + code + "` there first");
            return null;
        }
        if (!settings.isMapping()) {
            if (!settings.present()) {
                settings.problem("override of `" + code + "` is empty", "write `" + code + ": {limit: …}` or remove it");
            }
            return null;
        }
        for (String key : settings.unknownKeys(OVERRIDE_KEYS)) {
            if (key.equals("unit")) {
                settings.get(key).problem("the unit of a metric cannot be overridden: readings of `" + code
                        + "` carry one unit everywhere", "remove `unit`; set it once under `metrics." + code + "`");
            } else {
                settings.get(key).reportUnknownKey(OVERRIDE_KEYS);
            }
        }
        return limits(settings);
    }

    /** Rule name → raw parameters; each rule validates its own parameters. */
    private static Map<String, Map<String, Object>> rules(Node rules) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        rules.entries().forEach((name, params) -> {
            if (!Thresholds.RULE_NAMES.contains(name)) {
                params.problem("unknown rule `" + name + "`",
                        Suggestions.didYouMean(name, Thresholds.RULE_NAMES) + "rules are "
                                + String.join(", ", Thresholds.RULE_NAMES));
                return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            params.entries().forEach((param, value) -> values.put(param, value.raw()));
            result.put(name, Collections.unmodifiableMap(values));
        });
        return Collections.unmodifiableMap(result);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}

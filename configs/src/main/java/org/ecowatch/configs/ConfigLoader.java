package org.ecowatch.configs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads a configuration directory ({@code pipeline.yaml}, {@code registry.yaml}, {@code thresholds.yaml};
 * docs/CONFIG.md). Parses the YAML into trees, binds them by hand and validates, collecting every problem of all
 * three files before failing, so that one run tells the user everything to fix.
 */
public final class ConfigLoader {
    public static final String PIPELINE_FILE = "pipeline.yaml";
    public static final String REGISTRY_FILE = "registry.yaml";
    public static final String THRESHOLDS_FILE = "thresholds.yaml";

    private static final List<String> FILES = List.of(PIPELINE_FILE, REGISTRY_FILE, THRESHOLDS_FILE);
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'");

    private ConfigLoader() {}

    /**
     * The validated configuration of {@code dir}.
     *
     * @throws ConfigException listing every problem found (file, field path, what is wrong, the fix); a missing
     *     directory or file is a problem too
     */
    public static EcowatchConfig load(Path dir) throws ConfigException {
        Problems problems = new Problems();
        if (!Files.isDirectory(dir)) {
            problems.add(dir.toString(), "", Files.exists(dir) ? "is not a directory" : "no such directory",
                    "name the directory that holds pipeline.yaml, registry.yaml and thresholds.yaml"
                            + " (configs/demo is an example)");
            throw new ConfigException(problems.all());
        }
        JsonNode pipelineTree = read(dir, PIPELINE_FILE, problems);
        JsonNode registryTree = read(dir, REGISTRY_FILE, problems);
        JsonNode thresholdsTree = read(dir, THRESHOLDS_FILE, problems);

        PipelineConfig pipeline = pipelineTree == null ? null
                : PipelineBinder.bind(Node.root(PIPELINE_FILE, pipelineTree, problems));
        RegistryBinder.Result registry = registryTree == null ? null
                : RegistryBinder.bind(Node.root(REGISTRY_FILE, registryTree, problems), knownMetrics(thresholdsTree));
        Thresholds thresholds = thresholdsTree == null ? null
                : ThresholdsBinder.bind(Node.root(THRESHOLDS_FILE, thresholdsTree, problems),
                        registry == null ? null : registry.enterpriseIds(),
                        registry == null ? null : registry.deviceKeys());

        if (!problems.isEmpty()) {
            // file by file, in the order found within each file (List.sort is stable)
            List<ConfigProblem> all = new ArrayList<>(problems.all());
            all.sort(Comparator.comparingInt(p -> FILES.indexOf(p.file())));
            throw new ConfigException(all);
        }
        return new EcowatchConfig(dir.toAbsolutePath().normalize().toString(), pipeline, registry.registry(), thresholds);
    }

    /**
     * The metrics a device may declare: those thresholds.yaml defines and the meter metrics. Read from the raw tree
     * because the registry is bound before the thresholds (which need the registry for their own references).
     * Null when thresholds.yaml could not be read: the registry's metrics then go unchecked rather than all wrong.
     */
    private static Set<String> knownMetrics(JsonNode thresholdsTree) {
        if (thresholdsTree == null) {
            return null;
        }
        Set<String> known = new LinkedHashSet<>();
        JsonNode metrics = thresholdsTree.path("metrics");
        if (metrics.isObject()) {
            metrics.fieldNames().forEachRemaining(known::add);
        }
        known.addAll(MeterMetrics.UNITS.keySet());
        return known;
    }

    /** The file's tree (a missing node for an empty file), or null after reporting why it cannot be read. */
    private static JsonNode read(Path dir, String name, Problems problems) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            problems.add(name, "", "file not found in " + dir.toAbsolutePath().normalize(),
                    "create " + name + " (configs/demo/" + name + " is an example)");
            return null;
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            problems.add(name, "", syntaxProblem(e), syntaxFix(e));
            return null;
        } catch (IOException e) {
            problems.add(name, "", "cannot be read: " + e.getMessage(), "make the file readable by this user");
            return null;
        }
        if (!tree.isMissingNode() && !tree.isNull() && !tree.isObject()) {
            problems.add(name, "", "expected a mapping of top-level `key: value` lines, got a "
                    + tree.getNodeType().name().toLowerCase(), "start the file with top-level keys, as in configs/demo/" + name);
            return null;
        }
        return tree;
    }

    /** One line: where and what, without SnakeYAML's multi-line excerpt of the file. */
    private static String syntaxProblem(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        Matcher duplicate = DUPLICATE_KEY.matcher(e.getOriginalMessage());
        if (duplicate.find()) {
            return "duplicate key `" + duplicate.group(1) + "`" + where;
        }
        String what = Arrays.stream(e.getOriginalMessage().split("\\R"))
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith(" in "))
                .map(String::strip)
                .collect(Collectors.joining("; "));
        return "not valid YAML" + where + ": " + what;
    }

    private static String syntaxFix(JsonProcessingException e) {
        if (DUPLICATE_KEY.matcher(e.getOriginalMessage()).find()) {
            return "keep one of the two entries; a key may appear once per mapping";
        }
        return "correct the YAML there: indent with spaces, not tabs; quote values that contain `: ` or start with"
                + " `*`, `&`, `!`, `{`, `[`";
    }
}

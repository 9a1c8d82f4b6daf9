package org.ecowatch.configs;

/**
 * One thing wrong in a configuration file: which file, which field (a path such as
 * {@code enterprises[3].devices[0].mn}), what is wrong, and how to fix it.
 */
public record ConfigProblem(String file, String field, String problem, String fix) {

    @Override
    public String toString() {
        return file + ": " + field + ": " + problem + (fix == null || fix.isEmpty() ? "" : " (fix: " + fix + ")");
    }
}

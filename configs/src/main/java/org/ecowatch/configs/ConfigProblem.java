package org.ecowatch.configs;

/**
 * One thing wrong in a configuration file: which file, which field (a path such as
 * {@code enterprises[3].devices[0].mn}, empty when the problem is the whole file), what is wrong, and how to fix it.
 */
public record ConfigProblem(String file, String field, String problem, String fix) {

    /** {@code file: field: problem (fix: fix)}, one terminal line. */
    @Override
    public String toString() {
        return file + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem
                + (fix == null || fix.isEmpty() ? "" : " (fix: " + fix + ")");
    }
}

package org.ecowatch.configs;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while binding, so that one run reports them all. */
final class Problems {
    private final List<ConfigProblem> found = new ArrayList<>();

    void add(String file, String field, String problem, String fix) {
        found.add(new ConfigProblem(file, field, problem, fix));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<ConfigProblem> all() {
        return List.copyOf(found);
    }
}

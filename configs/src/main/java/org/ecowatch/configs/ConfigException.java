package org.ecowatch.configs;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration directory that cannot be used, with every problem found in it. */
public class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.size() + " configuration problem(s):\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}

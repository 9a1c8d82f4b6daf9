package org.ecowatch.configs;

import java.io.Serializable;
import java.util.List;

public record District(String id, String name, List<Officer> officers) implements Serializable {

    public record Officer(String id, String name) implements Serializable {}
}

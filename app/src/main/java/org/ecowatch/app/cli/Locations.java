package org.ecowatch.app.cli;

import java.nio.file.Path;

/** Where the launcher says things are: the repository (for the demo configuration) and the data directory. */
final class Locations {
    private Locations() {}

    /** The repository root; the working directory when not started through {@code ./ecowatch}. */
    static Path home() {
        return Path.of(System.getProperty("ecowatch.home", ".")).toAbsolutePath().normalize();
    }

    /** Where ecowatch keeps its files ({@code ECOWATCH_DATA}, default {@code ./data}). */
    static Path data() {
        return Path.of(System.getProperty("ecowatch.dataDir", "data")).toAbsolutePath().normalize();
    }

    static Path logFile() {
        return Path.of(System.getProperty("ecowatch.logDir", "data/logs")).toAbsolutePath().normalize().resolve("ecowatch.log");
    }
}

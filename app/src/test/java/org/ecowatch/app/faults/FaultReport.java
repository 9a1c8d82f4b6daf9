package org.ecowatch.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What a fault test proved, in figures: printed, and appended to {@code target/faults-report.txt} so that a run's
 * figures can be copied into docs/RELIABILITY.md.
 */
final class FaultReport {
    private static final Path FILE = Path.of("target", "faults-report.txt");

    private FaultReport() {}

    static void record(String fault, String figures) {
        String entry = String.format("%s [%s scale, load %s] %s: %s%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")), FaultScale.name(),
                loadAverage(), fault, figures);
        System.out.print(entry);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The machine's 1-minute load average: the suite shares a 2-core machine, and its figures depend on it. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** 12345 → "12 345". */
    static String n(long value) {
        return String.format("%,d", value).replace(',', ' ');
    }
}

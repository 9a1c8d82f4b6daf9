package org.ecowatch.app.progress;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a progress line to the terminal at a fixed period, on a daemon thread. */
public final class ProgressPrinter implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ecowatch-progress");
        t.setDaemon(true);
        return t;
    });

    public ProgressPrinter(PrintStream out, long periodSeconds, Supplier<String> line) {
        timer.scheduleAtFixedRate(() -> out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS).format(TIME) + "  " + line.get()),
                periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

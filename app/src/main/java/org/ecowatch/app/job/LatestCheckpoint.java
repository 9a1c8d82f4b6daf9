package org.ecowatch.app.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the checkpoint a restarted pipeline resumes from: the newest complete one ({@code chk-N/_metadata}) under
 * the checkpoint directory, whichever earlier job wrote it (Flink keeps them per job id, retained on cancel and
 * after a crash).
 */
public final class LatestCheckpoint {
    private LatestCheckpoint() {}

    public static Optional<Path> in(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(LatestCheckpoint::completeCheckpoints)
                    .max(Comparator.comparing(LatestCheckpoint::writtenAt));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint directory " + checkpointDir, e);
        }
    }

    private static Stream<Path> completeCheckpoints(Path jobDir) {
        try (Stream<Path> entries = Files.list(jobDir)) {
            // A checkpoint without _metadata was interrupted while being written: it cannot be restored.
            return entries.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint directory " + jobDir, e);
        }
    }

    private static long writtenAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}

package org.ecowatch.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatestCheckpointTest {
    @TempDir
    Path dir;

    Path checkpoint(String job, int n, long writtenAt, boolean complete) throws Exception {
        Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + n));
        if (complete) {
            Files.setLastModifiedTime(Files.writeString(chk.resolve("_metadata"), "m"), FileTime.fromMillis(writtenAt));
        }
        return chk;
    }

    @Test
    void findsTheNewestCompleteCheckpointOfAnyEarlierJob() throws Exception {
        checkpoint("job-a", 7, 1_000, true);
        Path newest = checkpoint("job-b", 2, 3_000, true);
        checkpoint("job-b", 3, 4_000, false); // interrupted while being written
        Files.createDirectories(dir.resolve("job-b").resolve("shared"));

        assertThat(LatestCheckpoint.in(dir)).contains(newest);
    }

    @Test
    void findsNothingInAnEmptyOrMissingDirectory() {
        assertThat(LatestCheckpoint.in(dir)).isEmpty();
        assertThat(LatestCheckpoint.in(dir.resolve("missing"))).isEmpty();
    }
}

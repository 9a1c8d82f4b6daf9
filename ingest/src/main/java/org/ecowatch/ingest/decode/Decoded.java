package org.ecowatch.ingest.decode;

import java.util.List;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.reading.Reading;

/** What one message became: its valid readings and, for anything rejected in it, dead-letter records. */
public record Decoded(List<Reading> readings, List<DeadLetter> rejected) {

    public static Decoded rejected(DeadLetter deadLetter) {
        return new Decoded(List.of(), List.of(deadLetter));
    }
}

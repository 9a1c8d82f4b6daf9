package org.ecowatch.ingest.decode;

import java.util.List;
import org.ecowatch.ingest.deadletter.DeadLetter;
import org.ecowatch.ingest.reading.Reading;

/**
 * What one message became: its valid readings, dead-letter records for anything rejected in it, and HJ 212
 * split packets that still need their siblings.
 */
public record Decoded(List<Reading> readings, List<DeadLetter> rejected, List<SplitPacket> splitPackets) {

    public Decoded(List<Reading> readings, List<DeadLetter> rejected) {
        this(readings, rejected, List.of());
    }

    public static Decoded rejected(DeadLetter deadLetter) {
        return new Decoded(List.of(), List.of(deadLetter));
    }
}

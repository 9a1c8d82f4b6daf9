package org.ecowatch.ingest.hj212;

import java.util.List;
import org.ecowatch.ingest.reading.Reading;

/** The data commands that become readings, with the value kinds they carry and their period. */
enum DataCommand {
    REAL_TIME("2011", 0L, List.of(Reading.REAL_TIME)),
    MINUTE("2051", 60_000L, PeriodKinds.ALL),
    HOUR("2061", 3_600_000L, PeriodKinds.ALL),
    DAY("2031", 86_400_000L, PeriodKinds.ALL);

    /** The equipment status suffix ({@code SB1-RS}), kept from real-time data as a reading of its own. */
    static final String RUN_STATUS = "RS";

    final String cn;
    final long periodMillis;
    final List<String> kinds;

    DataCommand(String cn, long periodMillis, List<String> kinds) {
        this.cn = cn;
        this.periodMillis = periodMillis;
        this.kinds = kinds;
    }

    /** The data command with this CN, or {@code null} when the CN carries no readings. */
    static DataCommand ofCn(String cn) {
        for (DataCommand c : values()) {
            if (c.cn.equals(cn)) {
                return c;
            }
        }
        return null;
    }

    static DataCommand of(String kind, long periodMillis) {
        for (DataCommand c : values()) {
            if (c.periodMillis == periodMillis && c.kinds.contains(kind)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no HJ 212 data command carries kind " + kind + " with period " + periodMillis + " ms");
    }

    private static final class PeriodKinds {
        static final List<String> ALL = List.of("Cou", "Min", "Avg", "Max");
    }
}

package org.ecowatch.analytics.rules.instrumentflag;

import org.ecowatch.analytics.rules.Run;
import org.ecowatch.ingest.reading.Reading;

/** An unbroken run of readings flagged D, F or B, and which of those flags it carried (e.g. "D" or "DB"). */
public record FaultRun(Run run, String flags) {

    static FaultRun of(Reading r) {
        return new FaultRun(Run.of(r), r.flag());
    }

    FaultRun with(Reading r) {
        return new FaultRun(run.with(r), flags.contains(r.flag()) ? flags : flags + r.flag());
    }
}

package org.ecowatch.alerts.lifecycle;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.ecowatch.alerts.message.MaintenanceNote;
import org.ecowatch.configs.MaintenanceWindow;

/** The registry's maintenance windows, asked per device ({@code enterpriseId/deviceId}) at event times. */
final class MaintenanceCalendar implements Serializable {
    private final List<MaintenanceWindow> windows;

    MaintenanceCalendar(List<MaintenanceWindow> windows) {
        this.windows = windows == null ? List.of() : List.copyOf(windows);
    }

    boolean covers(String device, long time) {
        return windows.stream().anyMatch(w -> w.covers(device, Instant.ofEpochMilli(time)));
    }

    /** The end of the maintenance covering {@code time}, following windows that adjoin or overlap; {@code time} if none. */
    long coveredUntil(String device, long time) {
        long cursor = time;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (MaintenanceWindow w : windows) {
                if (w.covers(device, Instant.ofEpochMilli(cursor))) {
                    cursor = w.to().toEpochMilli();
                    moved = true;
                }
            }
        }
        return cursor;
    }

    /** The device's windows that overlap [from, to] (a window ending exactly at {@code from} counts: it is adjacent). */
    List<MaintenanceNote> touching(String device, long from, long to) {
        return windows.stream()
                .filter(w -> w.device().equals(device) && w.from().toEpochMilli() <= to && w.to().toEpochMilli() >= from)
                .map(w -> new MaintenanceNote(w.device(), w.from().toEpochMilli(), w.to().toEpochMilli(), w.reason()))
                .toList();
    }
}

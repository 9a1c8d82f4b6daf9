package org.ecowatch.alerts.leads;

import java.util.ArrayList;
import java.util.List;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertState;

/**
 * The open incident of one enterprise (state of {@link LeadBuilder}; public so Flink serializes it as a POJO).
 *
 * @param version the last version published
 * @param members the latest state of each alert of the incident, in the order they joined; a resolved member keeps
 *                the evidence it had while holding (state RESOLVED, {@code at} the resolve time)
 */
public record Incident(String leadId, int version, long openedAt, boolean repeat, List<Alert> members) {

    public Incident {
        members = members == null ? List.of() : List.copyOf(members);
    }

    static Incident first(String leadId, Alert alert, boolean repeat) {
        return new Incident(leadId, 0, alert.startedAt(), repeat, List.of(alert));
    }

    Alert member(String alertId) {
        return members.stream().filter(m -> m.alertId().equals(alertId)).findFirst().orElse(null);
    }

    Incident with(Alert alert) {
        List<Alert> next = new ArrayList<>(members);
        int i = indexOf(alert.alertId());
        if (i < 0) {
            next.add(alert);
        } else {
            next.set(i, alert);
        }
        return new Incident(leadId, version, openedAt, repeat, next);
    }

    Incident published() {
        return new Incident(leadId, version + 1, openedAt, repeat, members);
    }

    boolean over() {
        return members.stream().allMatch(m -> m.state() == AlertState.RESOLVED);
    }

    /** When the state may go, once every alert has resolved: the last resolve plus the join gap; 0 while one holds. */
    long cleanupAt(long joinGap) {
        return over() ? members.stream().mapToLong(Alert::at).max().orElse(0) + joinGap : 0;
    }

    private int indexOf(String alertId) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).alertId().equals(alertId)) {
                return i;
            }
        }
        return -1;
    }
}

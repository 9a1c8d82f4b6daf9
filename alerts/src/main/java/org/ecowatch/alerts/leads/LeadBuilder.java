package org.ecowatch.alerts.leads;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.ecowatch.alerts.leads.Lead.Priority;
import org.ecowatch.alerts.message.Alert;
import org.ecowatch.alerts.message.AlertState;
import org.ecowatch.alerts.outcomes.ConfirmedOutcomes;
import org.ecowatch.analytics.anomaly.Anomaly;
import org.ecowatch.analytics.anomaly.Evidence;
import org.ecowatch.analytics.rules.DetectionConfig;
import org.ecowatch.configs.Enterprise;

/**
 * Turns the alerts of one enterprise into inspection leads (CONTRACT §5, DOMAIN.md "From alerts to leads",
 * docs/LEADS.md), keyed by enterprise id ({@link #byEnterprise()}), on event time. Its second, broadcast input is the
 * violations officers confirmed ({@link ConfirmedOutcomes}, one list per enterprise, kept in {@link #CONFIRMED}): a new
 * incident of an enterprise with a violation confirmed in the 90 days before is a repeat, and P1.
 *
 * <ul>
 *   <li><b>In event-time order.</b> An alert is held until the watermark passes its {@code at}; the alerts of an
 *   instant are then taken in a fixed order (start, id, state). So a replay groups the same alerts into the same
 *   incidents, whatever order the parallel lifecycle delivered them in, and yields the same lead ids.</li>
 *   <li><b>Incidents.</b> While an enterprise has an incident (an alert still holds, or the last one resolved less than
 *   {@link LeadParameters#joinGap()} ago), every new alert joins it; otherwise it opens a new one. An OFFLINE alert
 *   joins or opens one only once the device has been offline ({@code startedAt}) for {@code leadAfter}
 *   ({@code leadAfterKey} at a key unit): an event-time timer; if it resolves before, it never reaches a lead.</li>
 *   <li><b>Versions.</b> The first alert publishes version 1; a joining alert or an escalating one publishes the same
 *   {@code leadId} with version + 1 (once per instant, however many changed). A resolve alone publishes nothing: the
 *   officer's task has not changed, and the alert stream already tells the lead service.</li>
 *   <li><b>State</b>: the incident, alerts waiting for the watermark and OFFLINE alerts waiting for their delay. It all
 *   goes (with its timers) once every alert of the incident has resolved and {@code joinGap} has passed.</li>
 *   <li><b>Repeats.</b> Whether an incident is a repeat is decided once, when it opens, against the confirmed
 *   violations known then ({@link ConfirmedOutcomes#makeRepeat}); an outcome that arrives later does not rewrite it.</li>
 * </ul>
 */
public class LeadBuilder extends KeyedBroadcastProcessFunction<String, Alert, ConfirmedOutcomes, Lead> {
    /** The lead carries at most this many evidence readings, drawn from all its alerts. */
    public static final int MAX_EVIDENCE = Anomaly.MAX_EVIDENCE;
    /** The district of leads of an enterprise the registry does not know (their topic still needs a level). */
    public static final String UNASSIGNED = "unassigned";
    /** The broadcast state: enterprise id → its confirmed violations, as last published. Connect the outcomes with it. */
    public static final MapStateDescriptor<String, ConfirmedOutcomes> CONFIRMED = new MapStateDescriptor<>("confirmed",
            Types.STRING, TypeInformation.of(ConfirmedOutcomes.class));

    private final DetectionConfig config;
    private final LeadParameters parameters;
    private transient ValueState<Incident> incident;
    private transient MapState<Long, List<Alert>> arrived;
    private transient MapState<String, Alert> offline;

    public LeadBuilder(DetectionConfig config, LeadParameters parameters) {
        this.config = config;
        this.parameters = parameters;
    }

    /** With DOMAIN.md's periods and OFFLINE's lead delays from thresholds.yaml. */
    public LeadBuilder(DetectionConfig config) {
        this(config, LeadParameters.from(config.parameters()));
    }

    /** The key the builder must be keyed by: the alert's enterprise. */
    public static KeySelector<Alert, String> byEnterprise() {
        return new EnterpriseKey();
    }

    private static final class EnterpriseKey implements KeySelector<Alert, String> {
        @Override
        public String getKey(Alert alert) {
            return alert.enterpriseId();
        }
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<Alert> alertType = TypeInformation.of(Alert.class);
        incident = getRuntimeContext().getState(new ValueStateDescriptor<>("incident", TypeInformation.of(Incident.class)));
        arrived = getRuntimeContext().getMapState(new MapStateDescriptor<>("arrived", Types.LONG, Types.LIST(alertType)));
        offline = getRuntimeContext().getMapState(new MapStateDescriptor<>("offline", Types.STRING, alertType));
    }

    @Override
    public void processElement(Alert alert, ReadOnlyContext ctx, Collector<Lead> out) throws Exception {
        List<Alert> same = arrived.get(alert.at());
        List<Alert> next = same == null ? new ArrayList<>() : new ArrayList<>(same);
        next.add(alert);
        arrived.put(alert.at(), next);
        // an alert already behind the watermark is taken at the next watermark, with whatever else is due then
        ctx.timerService().registerEventTimeTimer(alert.at());
    }

    /**
     * Replaces the enterprise's confirmed violations (an empty list forgets them). Leads already built keep their
     * {@code repeat}: only incidents that open from now on are judged against the new list.
     */
    @Override
    public void processBroadcastElement(ConfirmedOutcomes outcomes, Context ctx, Collector<Lead> out) throws Exception {
        if (outcomes.confirmed().isEmpty()) {
            ctx.getBroadcastState(CONFIRMED).remove(outcomes.enterpriseId());
        } else {
            ctx.getBroadcastState(CONFIRMED).put(outcomes.enterpriseId(), outcomes);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Lead> out) throws Exception {
        Incident before = incident.value();
        for (Alert alert : arrivedUpTo(time)) {
            take(alert, time, ctx);
        }
        for (Alert due : offlineDueBy(time)) {
            offline.remove(due.alertId());
            join(due, ctx);
        }
        Incident now = incident.value();
        if (now != null && changed(before, now)) {
            now = now.published();
            incident.update(now);
            out.collect(lead(now, ctx.getCurrentKey()));
        }
        if (now != null && now.over() && now.cleanupAt(parameters.joinGap().toMillis()) <= time) {
            incident.clear();
        }
        if (offline.isEmpty()) {
            offline.clear();
        }
    }

    private List<Alert> arrivedUpTo(long time) throws Exception {
        List<Long> instants = new ArrayList<>();
        for (Long at : arrived.keys()) {
            if (at <= time) {
                instants.add(at);
            }
        }
        instants.sort(Comparator.naturalOrder());
        List<Alert> due = new ArrayList<>();
        for (Long at : instants) {
            List<Alert> batch = new ArrayList<>(arrived.get(at));
            batch.sort(Comparator.comparingLong(Alert::startedAt).thenComparing(Alert::alertId)
                    .thenComparing(Alert::state));
            due.addAll(batch);
            arrived.remove(at);
        }
        if (arrived.isEmpty()) {
            arrived.clear();
        }
        return due;
    }

    private void take(Alert alert, long time, OnTimerContext ctx) throws Exception {
        Incident open = incident.value();
        Alert member = open == null ? null : open.member(alert.alertId());
        if (alert.state() == AlertState.RESOLVED) {
            resolve(alert, open, member, ctx);
        } else if (member != null) {
            // a duplicate or an escalation of an alert the lead already holds; never back from RESOLVED
            if (member.state() != AlertState.RESOLVED && alert.severity().compareTo(member.severity()) > 0) {
                incident.update(open.with(alert));
            }
        } else if (alert.rule().equals("OFFLINE") && offlineLeadAt(alert) > time) {
            offline.put(alert.alertId(), alert);
            ctx.timerService().registerEventTimeTimer(offlineLeadAt(alert));
        } else {
            join(alert, ctx);
        }
    }

    private void resolve(Alert resolved, Incident open, Alert member, OnTimerContext ctx) throws Exception {
        Alert waiting = offline.get(resolved.alertId());
        if (waiting != null) {
            offline.remove(resolved.alertId());
            releaseTimer(ctx, offlineLeadAt(waiting));
            return;
        }
        if (member == null || member.state() == AlertState.RESOLVED) {
            return;
        }
        // keep the evidence of the violation, not the readings that showed it clear
        Alert done = new Alert(member.alertId(), AlertState.RESOLVED, member.rule(), member.severity(),
                member.enterpriseId(), member.deviceId(), member.metric(), member.startedAt(), resolved.at(),
                member.observed(), member.limit(), member.window(), member.evidence(), member.message(),
                member.flapping(), member.maintenance(), member.zone());
        Incident next = open.with(done);
        incident.update(next);
        long cleanup = next.cleanupAt(parameters.joinGap().toMillis());
        if (cleanup > 0) {
            ctx.timerService().registerEventTimeTimer(cleanup);
        }
    }

    private void join(Alert alert, OnTimerContext ctx) throws Exception {
        Incident open = incident.value();
        if (open == null) {
            ConfirmedOutcomes confirmed = ctx.getBroadcastState(CONFIRMED).get(alert.enterpriseId());
            boolean repeat = confirmed != null && confirmed.makeRepeat(alert.startedAt(), parameters.repeatWindow());
            incident.update(Incident.first(LeadIds.of(alert.enterpriseId(), alert.startedAt()), alert, repeat));
            return;
        }
        long cleanup = open.cleanupAt(parameters.joinGap().toMillis());
        incident.update(open.with(alert));
        if (cleanup > 0) {
            releaseTimer(ctx, cleanup);
        }
    }

    private List<Alert> offlineDueBy(long time) throws Exception {
        List<Alert> due = new ArrayList<>();
        for (Alert waiting : offline.values()) {
            if (offlineLeadAt(waiting) <= time) {
                due.add(waiting);
            }
        }
        due.sort(Comparator.comparingLong(Alert::startedAt).thenComparing(Alert::alertId));
        return due;
    }

    /** When a silent device becomes a lead: {@code leadAfterKey} at a key unit, {@code leadAfter} elsewhere. */
    private long offlineLeadAt(Alert alert) {
        boolean key = enterprise(alert.enterpriseId()).map(LeadBuilder::keyUnit).orElse(false);
        return alert.startedAt() + (key ? parameters.leadAfterKey() : parameters.leadAfter()).toMillis();
    }

    /** A new version is due when an alert joined or one's severity rose; a resolve changes nothing an officer does. */
    private static boolean changed(Incident before, Incident now) {
        if (before == null || !before.leadId().equals(now.leadId())) {
            return true;
        }
        for (Alert m : now.members()) {
            Alert was = before.member(m.alertId());
            if (was == null || m.severity().compareTo(was.severity()) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Deletes the timer at {@code time} unless another deadline of this key still needs it (timers are per instant). */
    private void releaseTimer(OnTimerContext ctx, long time) throws Exception {
        if (arrived.contains(time)) {
            return;
        }
        for (Alert waiting : offline.values()) {
            if (offlineLeadAt(waiting) == time) {
                return;
            }
        }
        Incident open = incident.value();
        if (open != null && open.cleanupAt(parameters.joinGap().toMillis()) == time) {
            return;
        }
        ctx.timerService().deleteEventTimeTimer(time);
    }

    private Lead lead(Incident inc, String enterpriseId) {
        Optional<Enterprise> enterprise = enterprise(enterpriseId);
        boolean key = enterprise.map(LeadBuilder::keyUnit).orElse(false);
        List<Alert> bySeverity = new ArrayList<>(inc.members());
        bySeverity.sort(LeadRules.mostSevereFirst(key));
        Alert top = bySeverity.get(0);
        Priority priority = inc.repeat() ? Priority.P1 : LeadRules.priority(top, key);
        ZoneId zone = config.zone(enterpriseId);
        String name = enterprise.map(Enterprise::name).orElse(enterpriseId);
        long due = (key ? parameters.dueKey() : parameters.dueGeneral()).toMillis();
        return new Lead(inc.leadId(), inc.version(), enterpriseId, name,
                enterprise.map(Enterprise::district).orElse(UNASSIGNED), priority,
                LeadRules.action(priority, enterprise.map(Enterprise::positiveList).orElse(false)), top.rule(),
                inc.openedAt(), inc.openedAt() + due, inc.members().stream().map(Alert::alertId).toList(),
                evidence(bySeverity), LeadSummary.of(name, enterpriseId, top, inc.members(), inc.openedAt(), zone),
                inc.repeat(), zone.getId());
    }

    /** Up to {@link #MAX_EVIDENCE} readings, taken in turn from each alert (most severe first) so each is shown. */
    static List<Evidence> evidence(List<Alert> bySeverity) {
        Set<Evidence> chosen = new LinkedHashSet<>();
        List<Iterator<Evidence>> sources = bySeverity.stream().map(a -> a.evidence().iterator()).toList();
        boolean more = true;
        while (more && chosen.size() < MAX_EVIDENCE) {
            more = false;
            for (Iterator<Evidence> source : sources) {
                if (source.hasNext() && chosen.size() < MAX_EVIDENCE) {
                    chosen.add(source.next());
                    more = true;
                }
            }
        }
        List<Evidence> ordered = new ArrayList<>(chosen);
        ordered.sort(Comparator.comparingLong(Evidence::ts).thenComparing(Evidence::deviceId)
                .thenComparing(e -> e.metric() == null ? "" : e.metric()));
        return ordered;
    }

    private Optional<Enterprise> enterprise(String enterpriseId) {
        return config.registry().enterprise(enterpriseId);
    }

    private static boolean keyUnit(Enterprise e) {
        return e.supervision() == Enterprise.Supervision.KEY;
    }
}

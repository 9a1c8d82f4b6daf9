package org.ecowatch.alerts.service.store;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.ecowatch.configs.PipelineConfig;

/**
 * The lead store: leads, their history, alerts and the change log, over JDBC (H2 or PostgreSQL), with the schema
 * migrated on open (docs/LEADSTORE.md). Every write is one transaction; upserts are idempotent (docs/API.md), also
 * when several replicas of the service write the same message into one database at once.
 *
 * <p>Failures of the database surface as {@link LeadStoreException}. Instants are kept to the microsecond.
 */
public final class LeadStore implements AutoCloseable {

    /** The longest note an officer may attach to an action (docs/API.md). */
    public static final int MAX_NOTE_LENGTH = 2000;

    private final Transactions transactions;
    private final AutoCloseable owned;

    private LeadStore(DataSource dataSource, AutoCloseable owned) {
        this.transactions = new Transactions(dataSource);
        this.owned = owned;
    }

    /** Opens the store on {@code dataSource} and migrates its schema to the newest version. The caller closes it. */
    public static LeadStore open(DataSource dataSource) {
        Migrations.migrate(dataSource);
        return new LeadStore(dataSource, null);
    }

    /**
     * Opens the store that pipeline.yaml's {@code leadStore} names, on a pool of its own that {@link #close()} closes.
     *
     * @throws IllegalStateException as {@link LeadStoreDataSource#create} does
     */
    public static LeadStore open(PipelineConfig.LeadStore config, Function<String, String> env) {
        HikariDataSource pool = LeadStoreDataSource.create(config, env);
        try {
            Migrations.migrate(pool);
            return new LeadStore(pool, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Stores a lead version: inserts a new lead, replaces an older version (status and outcome stay), ignores the rest. */
    public UpsertResult upsertLead(LeadMessage lead, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        requireFields("a lead", "leadId", lead.leadId(), "enterpriseId", lead.enterpriseId(), "district",
                lead.district(), "priority", lead.priority(), "category", lead.category(), "openedAt", lead.openedAt(),
                "dueBy", lead.dueBy(), "json", lead.json());
        return transactions.write("storing lead " + lead.leadId(), c -> LeadWrites.upsert(c, lead, receivedAt));
    }

    /** Stores an alert state change: kept when it is later than the stored one (by {@code at}, then state order). */
    public UpsertResult upsertAlert(AlertMessage alert, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        requireFields("an alert", "alertId", alert.alertId(), "state", alert.state(), "rule", alert.rule(), "severity",
                alert.severity(), "enterpriseId", alert.enterpriseId(), "startedAt", alert.startedAt(), "at",
                alert.at(), "json", alert.json());
        return transactions.write("storing alert " + alert.alertId(), c -> AlertWrites.upsert(c, alert, receivedAt));
    }

    /** NEW → ACCEPTED. @throws LeadNotFound, InvalidTransition */
    public LeadRecord accept(String leadId, String actor, String note, Instant at) {
        checkAction(actor, note, at);
        return transactions.write("accepting lead " + leadId, c -> LeadActions.accept(c, leadId, actor, note, at));
    }

    /** ACCEPTED → OUTCOME_REPORTED. @throws LeadNotFound, InvalidTransition */
    public LeadRecord reportOutcome(String leadId, String actor, Outcome outcome, String note, Instant at) {
        checkAction(actor, note, at);
        Objects.requireNonNull(outcome, "outcome");
        return transactions.write("reporting the outcome of lead " + leadId,
                c -> LeadActions.reportOutcome(c, leadId, actor, outcome, note, at));
    }

    /** OUTCOME_REPORTED → CLOSED. @throws LeadNotFound, InvalidTransition */
    public LeadRecord close(String leadId, String actor, String note, Instant at) {
        checkAction(actor, note, at);
        return transactions.write("closing lead " + leadId, c -> LeadActions.close(c, leadId, actor, note, at));
    }

    public Optional<LeadRecord> lead(String leadId) {
        return transactions.read("reading lead " + leadId, c -> LeadReads.lead(c, leadId));
    }

    /** The lead's full-process record, oldest first; empty for an unknown lead. */
    public List<HistoryEntry> history(String leadId) {
        return transactions.read("reading the history of lead " + leadId, c -> LeadHistory.of(c, leadId));
    }

    /** Leads matching {@code query}, most urgent first: priority, then {@code dueBy}, then {@code openedAt}. */
    public Page<LeadRecord> leads(LeadQuery query) {
        checkPage(query.limit(), query.offset());
        return transactions.read("listing leads", c -> LeadReads.page(c, query));
    }

    public Optional<AlertRecord> alert(String alertId) {
        return alerts(List.of(alertId)).stream().findFirst();
    }

    /** The stored alerts among {@code alertIds}, in the order given; ids not stored yet are left out. */
    public List<AlertRecord> alerts(Collection<String> alertIds) {
        return transactions.read("reading alerts", c -> AlertReads.byIds(c, alertIds));
    }

    /** Alerts matching {@code query}, the latest change first (by its {@code at}). */
    public Page<AlertRecord> alerts(AlertQuery query) {
        checkPage(query.limit(), query.offset());
        return transactions.read("listing alerts", c -> AlertReads.page(c, query));
    }

    /** Every state change the alert went through, late ones included, oldest first; empty for an unknown alert. */
    public List<AlertChange> alertChanges(String alertId) {
        return transactions.read("reading the changes of alert " + alertId, c -> AlertReads.changes(c, alertId));
    }

    /**
     * Per rule (sorted by rule; rules without alerts and leads are left out), in {@code district}, nulls do not
     * filter: alerts that started in [from, to), and leads opened in [from, to) that hold one of the rule's alerts
     * (a lead always holds its category's rule, also before its alerts have been received).
     */
    public List<RuleStatistics> ruleStatistics(String district, Instant from, Instant to) {
        return transactions.read("counting per rule", c -> Statistics.perRule(c, district, from, to));
    }

    /** Changes with a sequence number above {@code afterSeq}, oldest first, at most {@code limit}. */
    public List<Change> changesAfter(long afterSeq, int limit) {
        checkPage(limit, 0);
        return transactions.read("reading changes", c -> ChangeLog.after(c, afterSeq, limit));
    }

    /** The newest change's sequence number (also when it has been purged), 0 when there is none. */
    public long lastChangeSeq() {
        return transactions.read("reading the last change", ChangeLog::counter);
    }

    /** Deletes change-log entries older than {@code before}; returns how many. */
    public int purgeChangesBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return transactions.write("purging changes", c -> ChangeLog.purgeBefore(c, before));
    }

    /** Confirmed violations of the enterprise whose outcome was reported at or after {@code since}, oldest first. */
    public List<ConfirmedViolation> confirmedViolations(String enterpriseId, Instant since) {
        Objects.requireNonNull(enterpriseId, "enterpriseId");
        return transactions.read("reading confirmed violations",
                c -> Statistics.confirmedViolations(c, enterpriseId, since));
    }

    /** How many leads are in each status (every status, 0 included; for metrics). */
    public Map<LeadStatus, Long> leadCountsByStatus() {
        return transactions.read("counting leads", Statistics::leadsByStatus);
    }

    /** Whether the database answers (for /health). */
    public boolean healthy() {
        return transactions.healthy();
    }

    /** Closes the pool when the store opened it itself; a data source given to {@link #open(DataSource)} stays open. */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new LeadStoreException("lead store: closing failed: " + e.getMessage(), e);
            }
        }
    }

    /** {@code namesAndValues}: name, value, name, value …; the first null value is named in the exception. */
    private static void requireFields(String what, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                throw new IllegalArgumentException(what + " without " + namesAndValues[i] + " cannot be stored");
            }
        }
    }

    private static void checkAction(String actor, String note, Instant at) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            throw new IllegalArgumentException("a note has at most " + MAX_NOTE_LENGTH + " characters, this one has "
                    + note.length());
        }
    }

    private static void checkPage(int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be at least 1 and offset at least 0, not " + limit + " and "
                    + offset);
        }
    }
}

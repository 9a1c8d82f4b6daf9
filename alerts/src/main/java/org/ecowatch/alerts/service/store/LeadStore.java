package org.ecowatch.alerts.service.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The lead store: leads, their history, alerts and the change log, over JDBC (H2 or PostgreSQL), with the schema
 * migrated on open. Every write is one transaction; upserts are idempotent (docs/API.md).
 *
 * <p>SKELETON: signatures agreed, bodies to be written.
 */
public final class LeadStore implements AutoCloseable {

    /** Opens the store on {@code dataSource} and migrates its schema to the newest version. */
    public static LeadStore open(DataSource dataSource) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Stores a lead version: inserts a new lead, replaces an older version (status and outcome stay), ignores the rest. */
    public UpsertResult upsertLead(LeadMessage lead, Instant receivedAt) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Stores an alert state change: kept when it is later than the stored one (by {@code at}, then state order). */
    public UpsertResult upsertAlert(AlertMessage alert, Instant receivedAt) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** NEW → ACCEPTED. @throws LeadNotFound, InvalidTransition */
    public LeadRecord accept(String leadId, String actor, String note, Instant at) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** ACCEPTED → OUTCOME_REPORTED. @throws LeadNotFound, InvalidTransition */
    public LeadRecord reportOutcome(String leadId, String actor, Outcome outcome, String note, Instant at) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** OUTCOME_REPORTED → CLOSED. @throws LeadNotFound, InvalidTransition */
    public LeadRecord close(String leadId, String actor, String note, Instant at) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Optional<LeadRecord> lead(String leadId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The lead's full-process record, oldest first. */
    public List<HistoryEntry> history(String leadId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Leads matching {@code query}, most urgent first: priority, then {@code dueBy}, then {@code openedAt}. */
    public Page<LeadRecord> leads(LeadQuery query) {
        throw new UnsupportedOperationException("not built yet");
    }

    public Optional<AlertRecord> alert(String alertId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The stored alerts among {@code alertIds}; ids not stored yet are left out. */
    public List<AlertRecord> alerts(Collection<String> alertIds) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Alerts matching {@code query}, the latest change first. */
    public Page<AlertRecord> alerts(AlertQuery query) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Per rule, over leads opened in [from, to) of {@code district} (nulls do not filter). */
    public List<RuleStatistics> ruleStatistics(String district, Instant from, Instant to) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Changes with a sequence number above {@code afterSeq}, oldest first, at most {@code limit}. */
    public List<Change> changesAfter(long afterSeq, int limit) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The newest change's sequence number, 0 when there is none. */
    public long lastChangeSeq() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Deletes change-log entries older than {@code before}; returns how many. */
    public int purgeChangesBefore(Instant before) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Confirmed violations of the enterprise whose outcome was reported at or after {@code since}, oldest first. */
    public List<ConfirmedViolation> confirmedViolations(String enterpriseId, Instant since) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** How many leads are in each status (for metrics). */
    public java.util.Map<LeadStatus, Long> leadCountsByStatus() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Whether the database answers (for /health). */
    public boolean healthy() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {}
}

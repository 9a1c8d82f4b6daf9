package org.ecowatch.alerts.service.store;

/** What an upsert of a pipeline message did: replays and duplicates end as {@code UNCHANGED} or {@code STALE}. */
public enum UpsertResult {
    /** First time this id was seen. */
    INSERTED,
    /** A newer version (lead) or a later state change (alert) replaced the stored one. */
    UPDATED,
    /** The same version or state change again: a duplicate. */
    UNCHANGED,
    /** Older than what is stored: ignored. */
    STALE
}

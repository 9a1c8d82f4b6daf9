package org.ecowatch.alerts.service.store;

/** Where an officer is with a lead (docs/API.md): {@code NEW → ACCEPTED → OUTCOME_REPORTED → CLOSED}. */
public enum LeadStatus { NEW, ACCEPTED, OUTCOME_REPORTED, CLOSED }

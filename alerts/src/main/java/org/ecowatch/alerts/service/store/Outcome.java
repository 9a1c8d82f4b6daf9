package org.ecowatch.alerts.service.store;

/** What an officer found (DOMAIN.md "From alerts to leads"). Confirmed violations make later leads repeats. */
public enum Outcome { CONFIRMED_VIOLATION, NO_VIOLATION, EQUIPMENT_FAULT, SELF_REPORTED_MINOR }

package org.ecowatch.alerts.message;

/** The state changes of an alert episode (CONTRACT §4 {@code state}). */
public enum AlertState { OPENED, ESCALATED, RESOLVED }
